/* py_opcodes.h: the one list of opcodes (X-macro).
 *
 * An instruction is a 32-bit word: opcode in the low 8 bits, argument in the
 * upper 24. Jump targets are instruction indices. X(name, stack effect,
 * meaning) generates the enum (py_vm.h), the dispatch table and the names
 * (py_vm.c) and the stack-effect table used by the compiler. An effect of
 * 99 means "depends on the argument" (py_op_effect computes it).
 * Notation: S[-1] is the top of stack; "f, s" of CALL is the callable and
 * self-or-NULL pair that LOAD_METHOD or PUSH_NULL leaves.
 * No data here is shared between threads: it is constant.
 */
#ifndef PY_OPCODES_H
#define PY_OPCODES_H

#define PY_OPCODES(X)                                                              \
    X(NOP, 0, "nothing")                                                           \
    X(POP_TOP, -1, "pop S[-1]")                                                    \
    X(PUSH_NULL, 1, "push NULL (the self slot of a plain CALL)")                   \
    X(COPY, 1, "push S[-arg]")                                                     \
    X(SWAP, 0, "swap S[-1] and S[-arg]")                                           \
    X(LOAD_CONST, 1, "push consts[arg]")                                           \
    X(LOAD_FAST, 1, "push locals[arg]; UnboundLocalError if unset")                \
    X(STORE_FAST, -1, "locals[arg] := pop")                                        \
    X(DELETE_FAST, 0, "locals[arg] := unset")                                      \
    X(LOAD_DEREF, 1, "push cells[arg].v (cell or free variable)")                  \
    X(STORE_DEREF, -1, "cells[arg].v := pop")                                      \
    X(DELETE_DEREF, 0, "cells[arg].v := unset")                                    \
    X(LOAD_CLOSURE, 1, "push the cell object cells[arg]")                          \
    X(LOAD_CLASSDEREF, 1, "class body: locals dict, else cells[arg].v")            \
    X(LOAD_GLOBAL, 1, "push globals/builtins[names[arg]] (inline cache)")          \
    X(STORE_GLOBAL, -1, "globals[names[arg]] := pop")                              \
    X(DELETE_GLOBAL, 0, "del globals[names[arg]]")                                 \
    X(LOAD_NAME, 1, "push locals/globals/builtins[names[arg]]")                    \
    X(STORE_NAME, -1, "locals[names[arg]] := pop")                                 \
    X(DELETE_NAME, 0, "del locals[names[arg]]")                                    \
    X(LOAD_ATTR, 0, "S[-1] := S[-1].names[arg] (inline cache)")                    \
    X(STORE_ATTR, -2, "S[-1].names[arg] := S[-2]; pop both")                       \
    X(DELETE_ATTR, -1, "del pop().names[arg]")                                     \
    X(LOAD_METHOD, 1, "o := pop; push (unbound method, o) or (attr, NULL)")        \
    X(KW_NAMES, 0, "the next CALL takes its keyword names from consts[arg]")       \
    X(CALL, 99, "f, s, args[arg] (+kw) -> f(s?, *args): a yield point")            \
    X(CALL_EX, 99, "f, s, tuple[, dict if arg] -> f(*tuple, **dict)")              \
    X(BINARY_SUBSCR, -1, "S[-2] := S[-2][S[-1]]")                                  \
    X(STORE_SUBSCR, -3, "S[-2][S[-1]] := S[-3]")                                   \
    X(DELETE_SUBSCR, -2, "del S[-2][S[-1]]")                                       \
    X(BINARY_OP, -1, "S[-2] := S[-2] <op arg> S[-1] (arg >= 16: in place)")        \
    X(COMPARE_OP, -1, "S[-2] := S[-2] <cmp arg> S[-1]")                            \
    X(IS_OP, -1, "S[-2] := S[-2] is S[-1] (arg 1: is not)")                        \
    X(CONTAINS_OP, -1, "S[-2] := S[-2] in S[-1] (arg 1: not in)")                  \
    X(UNARY_NEG, 0, "S[-1] := -S[-1]")                                             \
    X(UNARY_POS, 0, "S[-1] := +S[-1]")                                             \
    X(UNARY_NOT, 0, "S[-1] := not S[-1]")                                          \
    X(UNARY_INVERT, 0, "S[-1] := ~S[-1]")                                          \
    X(BUILD_TUPLE, 99, "pop arg items, push a tuple")                              \
    X(BUILD_LIST, 99, "pop arg items, push a list")                                \
    X(BUILD_SET, 99, "pop arg items, push a set")                                  \
    X(BUILD_MAP, 99, "pop arg key/value pairs, push a dict")                       \
    X(BUILD_SLICE, 99, "pop arg (2 or 3) bounds, push a slice")                    \
    X(BUILD_STRING, 99, "pop arg strings, push their concatenation")               \
    X(LIST_APPEND, -1, "S[-arg-1].append(pop) (comprehensions)")                   \
    X(SET_ADD, -1, "S[-arg-1].add(pop)")                                           \
    X(MAP_ADD, -2, "S[-arg-2][S[-2]] := S[-1]; pop 2")                             \
    X(LIST_EXTEND, -1, "S[-arg-1].extend(pop)")                                    \
    X(SET_UPDATE, -1, "S[-arg-1].update(pop)")                                     \
    X(DICT_UPDATE, -1, "S[-arg-1].update(pop) (dict displays)")                    \
    X(DICT_MERGE, -1, "S[-arg-1].update(pop), TypeError on duplicates (**kw)")     \
    X(LIST_TO_TUPLE, 0, "S[-1] := tuple(S[-1])")                                   \
    X(FORMAT_VALUE, 99, "f-string field: conv = arg&3 (s,r,a), arg&4: spec on top")\
    X(JUMP, 0, "ip := arg (a backward jump is a yield point)")                     \
    X(POP_JUMP_IF_FALSE, -1, "if not pop: ip := arg")                              \
    X(POP_JUMP_IF_TRUE, -1, "if pop: ip := arg")                                   \
    X(JUMP_IF_FALSE_OR_POP, 99, "if not S[-1]: ip := arg else pop")                \
    X(JUMP_IF_TRUE_OR_POP, 99, "if S[-1]: ip := arg else pop")                     \
    X(GET_ITER, 0, "S[-1] := iter(S[-1])")                                         \
    X(FOR_ITER, 99, "push next(S[-1]); exhausted: pop the iterator, ip := arg")    \
    X(UNPACK_SEQUENCE, 99, "pop a sequence, push its arg items reversed")          \
    X(UNPACK_EX, 99, "starred unpack: arg&0xff before, arg>>8 after")              \
    X(MAKE_FUNCTION, 99, "code, qualname [+defaults,kwdefaults,closure by flag]")  \
    X(RETURN_VALUE, -1, "return pop to the caller frame")                          \
    X(YIELD_VALUE, 0, "yield S[-1]; resume with the sent value in its place")      \
    X(GET_YIELD_FROM_ITER, 0, "S[-1] := iter(S[-1]) unless a generator")           \
    X(SEND, 99, "S[-2] sub-iterator, S[-1] value: push result or pop, jump arg")   \
    X(SETUP_FINALLY, 0, "push a handler block: on exception unwind to here, ip := arg")\
    X(SETUP_CLEANUP, 0, "as SETUP_FINALLY, the level excludes S[-1]")              \
    X(POP_BLOCK, 0, "pop the innermost handler block")                             \
    X(PUSH_EXC_INFO, 1, "exc := pop; push the handled exception, exc; handle exc") \
    X(POP_EXCEPT, -1, "handled exception := pop")                                  \
    X(CHECK_EXC_MATCH, 0, "S[-1] := isinstance(S[-2], S[-1]) for except clauses")  \
    X(RERAISE_EXC, -2, "exc := pop; handled := pop; raise exc again")              \
    X(RAISE, 99, "raise: arg 0 re-raise, 1 raise S[-1], 2 raise S[-2] from S[-1]") \
    X(BEFORE_WITH, 1, "m := pop; push m.__exit__, m.__enter__()")                  \
    X(WITH_EXIT, -1, "call pop() (an __exit__) with None, None, None")            \
    X(WITH_EXCEPT_START, 1, "push S[-4](type(S[-1]), S[-1], tb)")                  \
    X(BUILD_CLASS, 99, "body function, name, bases tuple [, kwargs]: make a class")\
    X(IMPORT_NAME, -1, "level, fromlist := pop 2; push import(names[arg])")        \
    X(IMPORT_FROM, 1, "push S[-1].names[arg] (ImportError if missing)")            \
    X(IMPORT_STAR, -1, "copy the public names of pop() into the namespace")       \
    X(LOAD_ASSERTION_ERROR, 1, "push AssertionError")                              \
    X(SETUP_ANNOTATIONS, 0, "create __annotations__ in the namespace")            \
    X(RETURN_GENERATOR, 0, "unused marker (generators are made at call time)")     \
    X(PRINT_EXPR, -1, "interactive: print repr(pop) unless None, set _")           \
    X(MATCH_PATTERN, -1, "vals := pop; S[-1] := captures tuple if S[-1] matches consts[arg], else None")\
    X(DELETE_LOCAL_NAME, 0, "unused")

enum py_op {
#define PY_OP_ENUM(n, e, d) PY_OP_##n,
    PY_OPCODES(PY_OP_ENUM)
#undef PY_OP_ENUM
    PY_OP__COUNT
};

#define PY_INSTR(op, arg) ((uint32_t)(op) | ((uint32_t)(arg) << 8))
#define PY_OPOF(w) ((w) & 0xff)
#define PY_ARGOF(w) ((w) >> 8)

extern const char *const py_op_names[];
int py_op_effect(int op, int arg, int jumping);

/* MAKE_FUNCTION flags */
#define PY_MF_DEFAULTS 1
#define PY_MF_KWDEFAULTS 2
#define PY_MF_CLOSURE 4

#endif
