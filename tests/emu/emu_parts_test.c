/* emu_parts_test.c: the non-instrumented parts of the emu runtime, under
 * every flavour (ASan+UBSan included): tunables, injection generator, the
 * L1D-shaped capacity sets, the undo log, the line table index. */
#include <stdlib.h>
#include <string.h>

#include "cu_run.h"
#include "el_emu_internal.h"

static void t_tunables(void)
{
    elide_emu_config c = ELIDE_EMU_CONFIG_DEFAULT_INITIALIZER;
    CU_ASSERT_EQUAL(c.emu_l1d_size, 32768);
    CU_ASSERT_EQUAL(c.emu_l1d_ways, 8);
    CU_ASSERT_EQUAL(el_emu_config_parse(&c, "retry_busy=3:emu_l1d_size=49152:emu_l1d_ways=12,emu_read_lines=100", NULL), 0);
    CU_ASSERT_EQUAL(c.emu_l1d_size, 49152);
    CU_ASSERT_EQUAL(c.emu_l1d_ways, 12);
    CU_ASSERT_EQUAL(c.emu_read_lines, 100);
    CU_ASSERT_EQUAL(el_emu_config_check(&c, NULL), 0);
    FILE *devnull = fopen("/dev/null", "w");
    CU_ASSERT_EQUAL(el_emu_config_parse(&c, "emu_nope=1:emu_l1d_ways=x:emu_read_lines=-1:emu_l1d_size=", devnull), 4);
    CU_ASSERT_EQUAL(c.emu_l1d_ways, 12);        /* bad items change nothing */
    c.emu_l1d_size = 1000;                      /* not a multiple of 64 x ways */
    CU_ASSERT_EQUAL(el_emu_config_check(&c, devnull), -1);
    c.emu_l1d_size = 32768;
    c.emu_l1d_ways = 8;
    c.inject_p = 1.5;
    CU_ASSERT_EQUAL(el_emu_config_check(&c, devnull), -1);
    CU_ASSERT_EQUAL(el_emu_inject_parse(&c, "0.25", "77", devnull), 0);
    CU_ASSERT_DOUBLE_EQUAL(c.inject_p, 0.25, 1e-12);
    CU_ASSERT_EQUAL(c.seed, 77);
    CU_ASSERT_EQUAL(el_emu_inject_parse(&c, "2", "x", devnull), 2);
    CU_ASSERT_DOUBLE_EQUAL(c.inject_p, 0.25, 1e-12);
    fclose(devnull);
}

static void t_rng(void)
{
    uint64_t a = el_emu_rng_seed(42, 3), b = el_emu_rng_seed(42, 3), c = el_emu_rng_seed(42, 4);
    CU_ASSERT_EQUAL(a, b);
    CU_ASSERT_NOT_EQUAL(a, c);
    int same = 1;
    for (int i = 0; i < 1000; i++)
        same &= el_emu_rng_next(&a) == el_emu_rng_next(&b);
    CU_ASSERT_TRUE(same);
    CU_ASSERT_EQUAL(el_emu_inject_threshold(0), 0);
    CU_ASSERT_EQUAL(el_emu_inject_threshold(1), UINT64_MAX);
    uint64_t t = el_emu_inject_threshold(0.1), s = el_emu_rng_seed(7, 0);
    int hits = 0;
    for (int i = 0; i < 100000; i++)
        hits += el_emu_rng_next(&s) < t;
    CU_ASSERT_TRUE(hits > 9400 && hits < 10600);   /* 10000 +- 6 sigma */
}

static void t_capacity_sets(void)
{
    el_emu_cap c;
    CU_ASSERT_EQUAL_FATAL(el_emu_cap_init(&c, 32768, 8), 0);
    CU_ASSERT_EQUAL(c.nsets, 64);
    uintptr_t base = 0x100000;
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(el_emu_cap_add(&c, base + (uintptr_t)i * 4096), 0);
    CU_ASSERT_EQUAL(el_emu_cap_add(&c, base + 8 * 4096), -1);  /* ninth line, same set */
    CU_ASSERT_EQUAL(el_emu_cap_add(&c, base + 64), 0);         /* next set is free */
    el_emu_cap_remove(&c, base);
    CU_ASSERT_EQUAL(el_emu_cap_add(&c, base + 8 * 4096), 0);
    el_emu_cap_fini(&c);
    CU_ASSERT_EQUAL_FATAL(el_emu_cap_init(&c, 49152, 12), 0);
    CU_ASSERT_EQUAL(c.nsets, 64);
    el_emu_cap_fini(&c);
}

static void t_undo_log(void)
{
    el_emu_log l;
    el_emu_log_init(&l);
    unsigned char *m = malloc(4096);
    for (int i = 0; i < 4096; i++)
        m[i] = (unsigned char)i;
    /* overlapping writes: the restore must end with the oldest bytes */
    el_emu_log_save(&l, (uintptr_t)m, 8);
    memset(m, 0xEE, 8);
    el_emu_log_save(&l, (uintptr_t)m + 4, 8);
    memset(m + 4, 0xDD, 8);
    el_emu_log_save(&l, (uintptr_t)m, 8);     /* exact repeat: filtered */
    CU_ASSERT_EQUAL(l.n, 2);
    memset(m, 0xCC, 8);
    el_emu_log_save(&l, (uintptr_t)m + 100, 1000);   /* a range: 63 pieces */
    CU_ASSERT_EQUAL(l.n, 2 + 63);
    memset(m + 100, 0, 1000);
    for (int i = 0; i < 2000; i++)            /* growth past the first block */
        el_emu_log_save(&l, (uintptr_t)m + 2048 + (uintptr_t)i % 2000, 1);
    memset(m + 2048, 0, 2000);
    el_emu_log_restore(&l, 0, 0);
    int ok = 1;
    for (int i = 0; i < 4096; i++)
        ok &= m[i] == (unsigned char)i;
    CU_ASSERT_TRUE(ok);
    el_emu_log_reset(&l);
    CU_ASSERT_EQUAL(l.n, 0);
    el_emu_log_save(&l, (uintptr_t)m, 8);     /* new transaction: not filtered */
    CU_ASSERT_EQUAL(l.n, 1);
    /* entries starting in the skip range (dead stack) are not written back */
    el_emu_log_reset(&l);
    el_emu_log_save(&l, (uintptr_t)m, 8);
    el_emu_log_save(&l, (uintptr_t)m + 64, 8);
    memset(m, 0, 128);
    el_emu_log_restore(&l, (uintptr_t)m + 64, (uintptr_t)m + 128);
    CU_ASSERT_EQUAL(m[0], 0);
    CU_ASSERT_EQUAL(m[7], 7);
    CU_ASSERT_EQUAL(m[64], 0);
    el_emu_log_fini(&l);
    free(m);
}

static void t_line_table(void)
{
    uintptr_t a = 0x7f0000001000;
    CU_ASSERT_EQUAL(el_emu_line_of(a + 63), a);
    CU_ASSERT_NOT_EQUAL(el_emu_orec_index(a), el_emu_orec_index(a + 64));
    CU_ASSERT_EQUAL(el_emu_orec_index(a), el_emu_orec_index(a + 17));
    /* neighbours, and lines a table's span or a multiple of it apart
     * (thread stacks), do not alias */
    for (uintptr_t k = 1; k <= 64; k++) {
        CU_ASSERT_NOT_EQUAL(el_emu_orec_index(a), el_emu_orec_index(a + k * 64));
        CU_ASSERT_NOT_EQUAL(el_emu_orec_index(a), el_emu_orec_index(a + k * EL_EMU_OREC_COUNT * 64));
    }
    CU_ASSERT_TRUE(el_emu_orec_index(a) < EL_EMU_OREC_COUNT);
    el_emu_vec v = {0};
    for (uintptr_t i = 0; i < 1000; i++)
        el_emu_vec_push(&v, i);
    CU_ASSERT_EQUAL(v.n, 1000);
    CU_ASSERT_EQUAL(v.v[999], 999);
    el_emu_vec_fini(&v);
}

int main(void)
{
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    CU_pSuite s = CU_add_suite("emu_parts", NULL, NULL);
    CU_ADD(s, t_tunables);
    CU_ADD(s, t_rng);
    CU_ADD(s, t_capacity_sets);
    CU_ADD(s, t_undo_log);
    CU_ADD(s, t_line_table);
    return cu_run();
}
