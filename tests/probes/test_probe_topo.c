/* test_probe_topo.c: hwloc topology, L1D geometry, and thread placement:
 * threads 0..C-1 land on C distinct cores before any core gets a second
 * thread, and each thread ends up bound to exactly the PU it was told. */
#define _GNU_SOURCE 1
#include <CUnit/CUnit.h>
#include <pthread.h>
#include <sched.h>
#include <string.h>

#include "cu_run.h"
#include "probe.h"

static void test_topology_sane(void)
{
    const probe_topology *t = probe_topology_get();
    CU_ASSERT_PTR_EQUAL(t, probe_topology_get());     /* loaded once */
    CU_ASSERT_TRUE_FATAL(t->loaded);
    CU_ASSERT(t->packages >= 1);
    CU_ASSERT(t->pus >= 1);
    CU_ASSERT(t->smt >= 1);
    CU_ASSERT(t->cores == 0 || (t->pus >= t->cores && t->pus <= t->cores * t->smt));
    cpu_set_t set;
    CU_ASSERT_EQUAL(sched_getaffinity(0, sizeof set, &set), 0);
    CU_ASSERT(t->pus >= CPU_COUNT(&set));   /* hwloc sees at least our affinity */
}

static void test_l1d(void)
{
    const probe_topology *t = probe_topology_get();
    long size = -7;
    int line = -7, ways = -7;
    if (probe_l1d(&size, &line, &ways) != 0) {
        CU_ASSERT_EQUAL(size, -7);                    /* outputs untouched */
        CU_ASSERT_EQUAL(t->write_set_lines, 0);
        return;
    }
    CU_ASSERT(size >= 4096 && size <= (1L << 22));
    CU_ASSERT(line >= 16 && (line & (line - 1)) == 0);
    CU_ASSERT_EQUAL(size % line, 0);
    CU_ASSERT(ways == -1 || ways >= 0);
    CU_ASSERT_EQUAL(t->write_set_lines, size / line);
    CU_ASSERT_EQUAL(t->write_set_lines_smt, size / line / 2);
    CU_ASSERT_EQUAL(probe_l1d(NULL, NULL, NULL), 0);
}

typedef struct placed {
    unsigned index;
    int pu;            /* what probe_place_thread returned */
    int bound_to;      /* the one CPU in the thread's mask, -1 if not one */
} placed;

static void *place_main(void *arg)
{
    placed *p = arg;
    p->pu = probe_place_thread(p->index);
    cpu_set_t set;
    p->bound_to = -1;
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) == 1)
        for (int c = 0; c < CPU_SETSIZE; c++)
            if (CPU_ISSET(c, &set))
                p->bound_to = c;
    return NULL;
}

#define NPLACE 16

static void test_placement(void)
{
    const probe_topology *t = probe_topology_get();
    placed ps[NPLACE];
    pthread_t th[NPLACE];
    for (unsigned i = 0; i < NPLACE; i++) {
        ps[i] = (placed){.index = i};
        CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i], NULL, place_main, &ps[i]), 0);
    }
    for (unsigned i = 0; i < NPLACE; i++)
        pthread_join(th[i], NULL);
    for (unsigned i = 0; i < NPLACE; i++) {
        CU_ASSERT(ps[i].pu >= 0);
        CU_ASSERT_EQUAL(ps[i].pu, ps[i].bound_to);
        /* The first `pus` threads get distinct PUs, then it wraps around. */
        for (unsigned k = 0; k < i; k++)
            if (i < (unsigned)t->pus)
                CU_ASSERT_NOT_EQUAL(ps[i].pu, ps[k].pu);
        if (i >= (unsigned)t->pus)
            CU_ASSERT_EQUAL(ps[i].pu, ps[i % (unsigned)t->pus].pu);
    }
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("probe_topo", NULL, NULL);
    if (!s)
        return 2;
    CU_ADD(s, test_topology_sane);
    CU_ADD(s, test_l1d);
    CU_ADD(s, test_placement);
    return cu_run();
}
