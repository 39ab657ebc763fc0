/* probe_topo.c: the machine's topology through hwloc, loaded lazily.
 *
 * hwloc_topology_load() reads /sys and runs CPUID on every PU: about 17 ms
 * on our 2-core VM and 300 ms under valgrind. So nothing loads it until
 * someone asks for the topology, the L1D or a placement (PROBE_FULL does;
 * PROBE_FAST does not).
 *
 * Concurrency contract: pt_topo and pt_info are written once, inside
 * pthread_once (which orders those writes before every later reader), and
 * are read-only afterwards. hwloc permits concurrent reads of a loaded
 * topology, and hwloc_set_cpubind(THREAD) touches only the caller's own
 * affinity, so placement may run on any number of threads at once. The
 * topology lives until the process exits.
 */
#define _GNU_SOURCE 1
#include <hwloc.h>
#include <pthread.h>
#include <string.h>

#include "probe_internal.h"

static hwloc_topology_t pt_topo;      /* NULL if hwloc failed */
static probe_topology pt_info;
static pthread_once_t pt_once = PTHREAD_ONCE_INIT;

static int pt_count(hwloc_obj_type_t type)
{
    int n = hwloc_get_nbobjs_by_type(pt_topo, type);
    return n < 0 ? 0 : n;   /* -1: the type sits at several depths */
}

static int pt_pus_in(hwloc_obj_t obj)
{
    return hwloc_get_nbobjs_inside_cpuset_by_type(pt_topo, obj->cpuset, HWLOC_OBJ_PU);
}

/* The first L1 cache that holds data (hwloc puts instruction caches in
 * their own type, but a unified L1 is listed as L1CACHE too). */
static void pt_l1d(probe_topology *t)
{
    for (int i = 0; i < pt_count(HWLOC_OBJ_L1CACHE); i++) {
        hwloc_obj_t c = hwloc_get_obj_by_type(pt_topo, HWLOC_OBJ_L1CACHE, i);
        if (c->attr->cache.type == HWLOC_OBJ_CACHE_INSTRUCTION)
            continue;
        t->l1d_size = (long)c->attr->cache.size;
        t->l1d_line = (int)c->attr->cache.linesize;
        t->l1d_ways = c->attr->cache.associativity;
        return;
    }
}

static void pt_fill(probe_topology *t)
{
    t->loaded = 1;
    t->packages = pt_count(HWLOC_OBJ_PACKAGE);
    t->cores = pt_count(HWLOC_OBJ_CORE);
    t->pus = pt_count(HWLOC_OBJ_PU);
    t->smt = t->cores ? 0 : 1;      /* no core objects: each PU is a core */
    for (int i = 0; i < t->cores; i++) {
        int n = pt_pus_in(hwloc_get_obj_by_type(pt_topo, HWLOC_OBJ_CORE, i));
        t->smt = n > t->smt ? n : t->smt;
    }
    pt_l1d(t);
    if (t->l1d_size > 0 && t->l1d_line > 0) {
        t->write_set_lines = t->l1d_size / t->l1d_line;
        t->write_set_lines_smt = t->write_set_lines / 2;
    }
}

static void pt_load(void)
{
    if (hwloc_topology_init(&pt_topo) != 0) {
        pt_topo = NULL;
        return;
    }
    if (hwloc_topology_load(pt_topo) != 0) {
        hwloc_topology_destroy(pt_topo);
        pt_topo = NULL;
        return;
    }
    pt_fill(&pt_info);
}

const probe_topology *probe_topology_get(void)
{
    pthread_once(&pt_once, pt_load);
    return &pt_info;
}

int probe_l1d(long *size, int *line, int *ways)
{
    const probe_topology *t = probe_topology_get();
    if (t->l1d_size <= 0 || t->l1d_line <= 0)
        return -1;
    if (size)
        *size = t->l1d_size;
    if (line)
        *line = t->l1d_line;
    if (ways)
        *ways = t->l1d_ways;
    return 0;
}

/* Thread i's PU: core i mod C, and within it hardware thread (i / C) mod
 * (its PUs), so every core gets one thread before any gets two. */
static hwloc_obj_t pt_pu_for(unsigned i)
{
    unsigned cores = (unsigned)pt_count(HWLOC_OBJ_CORE);
    if (cores == 0) {
        unsigned pus = (unsigned)pt_count(HWLOC_OBJ_PU);
        return pus ? hwloc_get_obj_by_type(pt_topo, HWLOC_OBJ_PU, i % pus) : NULL;
    }
    hwloc_obj_t core = hwloc_get_obj_by_type(pt_topo, HWLOC_OBJ_CORE, i % cores);
    int n = pt_pus_in(core);
    if (n <= 0)
        return NULL;
    return hwloc_get_obj_inside_cpuset_by_type(pt_topo, core->cpuset, HWLOC_OBJ_PU,
                                               (i / cores) % (unsigned)n);
}

int probe_place_thread(unsigned i)
{
    probe_topology_get();
    if (!pt_topo)
        return -1;
    hwloc_obj_t pu = pt_pu_for(i);
    if (!pu || hwloc_set_cpubind(pt_topo, pu->cpuset, HWLOC_CPUBIND_THREAD) != 0)
        return -1;
    return (int)pu->os_index;
}
