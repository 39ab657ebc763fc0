/* el_elide.c: the out-of-line steps of an elided acquisition (the macro in
 * elide_lock.h calls them around each begin). None of them runs inside a
 * transaction except elide_committed_ after a nested commit. */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

#include <sched.h>

unsigned char elide_g_kind = ELIDE_KIND_UNSET;
__thread unsigned elide_t_depth;

void elide_relax_(unsigned *spins)
{
    if (++*spins % ELIDE_SPINS_BEFORE_YIELD == 0)
        sched_yield();
    else
        __builtin_ia32_pause();
}

static uint32_t el_load(const uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_RELAXED);
}

static void el_store(uint32_t *p, uint32_t v)
{
    __atomic_store_n(p, v, __ATOMIC_RELAXED);
}

int elide_acq_start_(elide_hist *h, elide_attempt *a)
{
    elide_stats *st = el_stats_mine();
    el_inc(&st->acquisitions, 1);
    uint32_t skip = el_load(&h->skip);
    if (skip > 0) {
        el_store(&h->skip, skip - 1);
        el_inc(&st->skipped, 1);
        return 0;
    }
    *a = (elide_attempt){ 0, 0, 0, 0 };
    return 1;
}

void elide_before_begin_(elide_attempt *a)
{
    elide_stats *st = el_stats_mine();
    el_inc(&st->started, 1);
    if (a->begins++ > 0)
        el_inc(&st->retries, 1);
}

int elide_wait_step_(elide_attempt *a, unsigned *spins)
{
    elide_stats *st = el_stats_mine();
    if (*spins == 0)
        el_inc(&st->waits, 1);
    if (*spins >= el_g_config.wait_spins) {
        el_inc(&st->fallbacks, 1);
        return 0;
    }
    elide_relax_(spins);
    return 1;
}

static void el_count_abort(elide_stats *st, unsigned status)
{
    el_inc(&st->aborts, 1);
    if (status == 0)
        el_inc(&st->zero, 1);
    for (unsigned i = 0; i < 6; i++)
        if (status & (1u << i))
            el_inc(&st->abort_bit[i], 1);
    if (status & ELIDE_ABORT_EXPLICIT)
        el_inc(&st->code[ELIDE_ABORT_CODE(status)], 1);
}

int elide_after_abort_(elide_hist *h, elide_attempt *a, unsigned status)
{
    elide_stats *st = el_stats_mine();
    el_count_abort(st, status);
    elide_history in = { a->busy_tries, a->conflict_tries, a->other_tries,
                         el_load(&h->zero_streak), el_load(&h->zero_skip) };
    elide_decision d = elide_policy(&el_g_config, status, in);
    a->busy_tries = d.next.busy_tries;
    a->conflict_tries = d.next.conflict_tries;
    a->other_tries = d.next.other_tries;
    if (d.next.zero_streak != in.zero_streak)
        el_store(&h->zero_streak, d.next.zero_streak);
    if (d.next.zero_skip != in.zero_skip)
        el_store(&h->zero_skip, d.next.zero_skip);
    if (d.action == ELIDE_SKIP)
        el_store(&h->skip, d.skip);
    if (d.action == ELIDE_SKIP || d.action == ELIDE_LOCK) {
        el_inc(&st->fallbacks, 1);
        return 0;
    }
    return 1;
}

/* Reset the zero-status history only if set: a commit writes no shared
 * line in the common case (DESIGN.md rule 3). */
void elide_committed_(elide_hist *h)
{
    el_inc(&el_stats_mine()->committed, 1);
    if (el_load(&h->zero_streak) != 0)
        el_store(&h->zero_streak, 0);
    if (el_load(&h->zero_skip) != 0)
        el_store(&h->zero_skip, 0);
}
