/* cu_run.h: the one way a CUnit test program ends.
 *
 * CU_basic_run_tests() returns CUE_SUCCESS even when assertions failed, so a
 * runner that returned its result would pass every broken test. cu_run() runs
 * the registry and turns failure records and framework errors into a non-zero
 * exit status. Every test program in tests/ ends with `return cu_run();`.
 */
#ifndef ELIDE_TESTS_CU_RUN_H
#define ELIDE_TESTS_CU_RUN_H

#include <CUnit/Basic.h>
#include <stdio.h>

static inline int cu_run(void)
{
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    unsigned failures = CU_get_number_of_failure_records();
    CU_ErrorCode err = CU_get_error();
    unsigned ran = CU_get_number_of_tests_run();
    CU_cleanup_registry();
    if (err != CUE_SUCCESS) {
        fprintf(stderr, "cu_run: CUnit error %d\n", (int)err);
        return 2;
    }
    if (ran == 0) {
        fprintf(stderr, "cu_run: no test ran\n");
        return 3;
    }
    return failures ? 1 : 0;
}

/* CU_ADD(suite, fn): register fn under its own name, or die. */
#define CU_ADD(suite, fn)                                                     \
    do {                                                                      \
        if (!CU_add_test((suite), #fn, (fn))) {                               \
            fprintf(stderr, "cannot register %s\n", #fn);                     \
            return 2;                                                         \
        }                                                                     \
    } while (0)

#endif
