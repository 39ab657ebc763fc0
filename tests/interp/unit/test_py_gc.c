/* test_py_gc.c: the GC glue. Threads registered with the collector allocate
 * through the per-thread free lists (py_alloc) while collections run; every
 * object still reachable (from a thread state, a list, the frame arena) must
 * keep its contents, and memory must be reclaimed (the heap stays bounded). */
#include <CUnit/CUnit.h>
#include <stdio.h>
#include <string.h>

#include "cu_run.h"
#include "py_vm.h"
#include "py_lock.h"

#define THREADS 4
/* Enough allocation to force many collections with the default heap growth;
 * small enough to keep the test around a second under ASan. */
#define ROUNDS 200
#define PER_ROUND 2000

static void *worker(void *arg)
{
    long id = (long)arg;
    py_ts *ts = py_ts_new();
    py_cur = ts;
    pv keep = py_list_new(0);
    long bad = 0;
    for (int r = 0; r < ROUNDS; r++) {
        pv l = py_list_new(0);
        for (int i = 0; i < PER_ROUND; i++) {
            pv t = py_tuple_pack(2, PY_MKSMALL(id), py_float_new((double)i));
            py_list_append(l, t);
        }
        for (int i = 0; i < PER_ROUND; i++) {
            pv t = PY_LIST(l)->items[i];
            if (PY_TUPLE(t)->items[0] != PY_MKSMALL(id) || py_float_val(PY_TUPLE(t)->items[1]) != (double)i)
                bad++;
        }
        py_list_append(keep, PY_LIST(l)->items[r % PER_ROUND]);
        if (r % 50 == 0)
            GC_gcollect();
    }
    for (int r = 0; r < ROUNDS; r++) {
        pv t = PY_LIST(keep)->items[r];
        if (PY_TUPLE(t)->items[0] != PY_MKSMALL(id) || py_float_val(PY_TUPLE(t)->items[1]) != (double)(r % PER_ROUND))
            bad++;
    }
    return (void *)bad;
}

static long run_threads(void)
{
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++)
        if (GC_pthread_create(&t[i], NULL, worker, (void *)i) != 0)
            return -1;
    long bad = 0;
    for (int i = 0; i < THREADS; i++) {
        void *r;
        GC_pthread_join(t[i], &r);
        bad += (long)r;
    }
    return bad;
}

static void test_threads_allocate_while_collecting(void)
{
    CU_ASSERT_EQUAL(run_threads(), 0);
    size_t heap1 = GC_get_heap_size();
    CU_ASSERT_EQUAL(run_threads(), 0);
    CU_ASSERT_EQUAL(run_threads(), 0);
    /* Steady state: each run allocates ~THREADS * ROUNDS * PER_ROUND * 64
     * bytes that become garbage. If they were retained (a leak, or objects
     * kept alive by stale roots), two more runs would grow the heap by about
     * twice that; a working collector reuses the heap of the first run. */
    CU_ASSERT(GC_get_heap_size() < heap1 + (size_t)THREADS * ROUNDS * PER_ROUND * 64); /* the heap may also shrink */
}

/* py_alloc clears only an object's first word: the collector hands out its
 * free objects zeroed (py_alloc.c: refill). Fill objects of every size class
 * with garbage, drop them, collect, and every object allocated afterwards
 * (many of them in the same slots) must still come out all zero. */
static void test_new_objects_are_zero(void)
{
    for (int round = 0; round < 3; round++) {
        for (size_t size = 8; size <= PY_ALLOC_MAX; size += 8)
            for (int i = 0; i < 2000; i++)
                memset(py_alloc(size), 0xa5, size);
        GC_gcollect();
        long dirty = 0;
        for (size_t size = 8; size <= PY_ALLOC_MAX; size += 8)
            for (int i = 0; i < 2000; i++) {
                unsigned char *p = py_alloc(size);
                for (size_t k = 0; k < size; k++)
                    dirty += p[k] != 0;
                memset(p, 0x5a, size); /* garbage for the next round */
            }
        CU_ASSERT_EQUAL(dirty, 0);
    }
}

static void test_interpreted_threads(void)
{
    const char *src =
        "import threading\n"
        "out = []\n"
        "def work(k):\n"
        "    for i in range(2000):\n"
        "        out.append((k, [i] * 3))\n"
        "ts = [threading.Thread(target=work, args=(k,)) for k in range(4)]\n"
        "for t in ts: t.start()\n"
        "for t in ts: t.join()\n"
        "result = (len(out), sum(v[0] for k, v in out))\n";
    pv code = py_compile_source(src, strlen(src), "<gc-test>", PY_MODE_EXEC);
    CU_ASSERT_PTR_NOT_NULL_FATAL(code);
    pv g = py_dict_new();
    py_dict_set(g, py_id___builtins__, py_builtins);
    py_dict_set(g, py_id___name__, py_str_c("__main__"));
    pv r = py_eval_code((py_code *)code, g, g);
    if (!r)
        py_exc_print(py_exc_fetch(), stderr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r);
    pv res = py_dict_gets(g, "result");
    pv s = py_repr(res);
    CU_ASSERT_STRING_EQUAL(py_cstr(s), "(8000, 7996000)");
}

extern void py_thread_register(py_ts *ts);

int main(void)
{
    GC_INIT();
    GC_allow_register_threads();
    py_cur = py_ts_new();
    py_thread_register(py_cur);
    py_runtime_init(0, NULL);
    py_gil_acquire(py_cur);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("gc", NULL, NULL);
    CU_ADD(s, test_threads_allocate_while_collecting);
    CU_ADD(s, test_new_objects_are_zero);
    CU_ADD(s, test_interpreted_threads);
    return cu_run();
}
