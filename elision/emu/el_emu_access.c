/* el_emu_access.c: slow paths of instrumented accesses: joining a line's
 * read or write set, and the conflicts a non-transactional access causes.
 * Concurrency contract: the top of el_emu_rt.c. */
#define ELIDE_EMU_BUILD_CORE
#include "el_emu_rt.h"

/* First read of a line in this transaction: count it, publish our reader
 * bit, then make sure no other transaction holds uncommitted bytes there. */
void el_emu_tx_read_slow(el_emu_tx *t, el_emu_orec *o, uintptr_t line, const void *pc)
{
    if (t->rset.n >= el_emu_g.read_lines)
        el_emu_abort(t, ELIDE_ABORT_CAPACITY, ELIDE_EMU_CAPACITY_READ, pc, line, 0, -1);
    atomic_fetch_or(&o->readers, t->bit);
    el_emu_vec_push(&t->rset, line);
    el_emu_evict_writer(t, o, line, pc);
}

/* First write of a line: it must fit its L1D set; take the line from any
 * other writer, then doom every reader before our first byte lands. */
void el_emu_tx_write_slow(el_emu_tx *t, el_emu_orec *o, uintptr_t line, const void *pc)
{
    if (t->cap.count[el_emu_cap_set(&t->cap, line)] >= t->cap.ways)
        el_emu_abort(t, ELIDE_ABORT_CAPACITY, ELIDE_EMU_CAPACITY_WRITE, pc, line, 0, -1);
    unsigned spins = 0;
    for (;;) {
        uint32_t w = 0;
        if (el_emu_own_try(o, t->id, &w))
            break;
        if (w == 0)
            continue;       /* released meanwhile */
        if (w == EL_EMU_NONTX) {
            el_emu_check_doom(t, pc);
            el_emu_backoff(&spins);
            continue;
        }
        uint64_t q = el_emu_doom(w - 1, line, 1, (int)t->slot, pc);
        if (q)
            el_emu_wait_end(t, w - 1, q, pc);
    }
    el_emu_cap_add(&t->cap, line);
    el_emu_vec_push(&t->wset, line);
    el_emu_evict_readers(t, o, line, pc);
}

/* A plain load that found a line owned by a transaction: doom the owner and
 * wait for its rollback, so the load never sees uncommitted bytes. */
void el_emu_nontx_read_slow(uintptr_t a, size_t n, const void *pc)
{
    uintptr_t l = el_emu_line_of(a), last = el_emu_line_of(a + n - 1);
    for (;; l += EL_EMU_LINE) {
        el_emu_evict_writer(NULL, el_emu_orec_of(l), l, pc);
        if (l == last)
            break;
    }
}

/* A plain store to a line a transaction has read or written: as the
 * coherence protocol's invalidation, it aborts that transaction. */
void el_emu_nontx_write_slow(uintptr_t a, size_t n, const void *pc)
{
    uintptr_t l = el_emu_line_of(a), last = el_emu_line_of(a + n - 1);
    for (;; l += EL_EMU_LINE) {
        el_emu_orec *o = el_emu_orec_of(l);
        el_emu_evict_writer(NULL, o, l, pc);
        el_emu_evict_readers(NULL, o, l, pc);
        if (l == last)
            break;
    }
}

/* ---- atomics -------------------------------------------------------------- */

/* Before an atomic of n bytes at a. In a transaction: join the read set
 * (loads) or the write set, logging the old value (everything else); returns
 * NULL. Outside: hold the line with EL_EMU_NONTX for the duration of the
 * operation, after dooming and waiting for every transaction in the way;
 * returns the orec for el_emu_atomic_leave. */
el_emu_orec *el_emu_atomic_enter(uintptr_t a, size_t n, int write, const void *pc)
{
    el_emu_tx *t = el_emu_self;
    if (t && t->depth) {
        if (write)
            el_emu_tx_write(t, a, n, pc);
        else
            el_emu_tx_read(t, a, n, pc);
        return NULL;
    }
    uintptr_t l = el_emu_line_of(a);
    el_emu_orec *o = el_emu_orec_of(l);
    unsigned spins = 0;
    for (;;) {
        uint32_t w = 0;
        if (el_emu_own_try(o, EL_EMU_NONTX, &w))
            break;
        if (w == 0)
            continue;
        if (w == EL_EMU_NONTX)
            el_emu_backoff(&spins);
        else
            el_emu_evict_writer(NULL, o, l, pc);
    }
    if (write)
        el_emu_evict_readers(NULL, o, l, pc);
    return o;
}

uint32_t el_emu_nontx_load_enter_slow(el_emu_orec *o, uintptr_t line, const void *pc)
{
    for (;;) {
        el_emu_evict_writer(NULL, o, line, pc);
        uint64_t x = atomic_load(&o->own);
        if ((uint32_t)x == 0 || (uint32_t)x == EL_EMU_NONTX)
            return (uint32_t)(x >> 32);
    }
}
