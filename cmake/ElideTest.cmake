# elide_add_cunit_test(NAME SOURCES s... [LIBS l...] [LABELS l...] [TIMEOUT s])
# Builds a CUnit program (its main comes from tests/cu_main.c unless it has
# its own) and registers it with ctest. Label "concurrency" marks tests that
# the ThreadSanitizer build runs; "stress" marks the long tier (ELIDE_STRESS).
function(elide_add_cunit_test name)
  cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS;ARGS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${name} PRIVATE ${T_LIBS} PkgConfig::CUNIT Threads::Threads)
  add_test(NAME ${name} COMMAND ${name} ${T_ARGS})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT} LABELS "unit;${T_LABELS}")
endfunction()
