/* el_policy.c: the abort policy, a pure function (see the table in elide.h). */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

/* SKIP 0 is just "take the lock this time". */
static elide_decision el_skip(elide_history next, unsigned skip)
{
    elide_decision d = { skip ? ELIDE_SKIP : ELIDE_LOCK, skip, next };
    return d;
}

static elide_decision el_act(elide_history next, elide_action a)
{
    elide_decision d = { a, 0, next };
    return d;
}

/* The next long skip: zero_skip_min, then doubling up to zero_skip_max. */
static unsigned el_zero_skip_next(const elide_config *c, unsigned last)
{
    unsigned max = c->zero_skip_max > c->zero_skip_min ? c->zero_skip_max : c->zero_skip_min;
    if (last == 0)
        return c->zero_skip_min;
    return last >= max / 2 ? max : last * 2;
}

static elide_decision el_other(const elide_config *c, elide_history h)
{
    h.other_tries++;
    if (h.other_tries <= c->retry_other)
        return el_act(h, ELIDE_RETRY);
    return el_skip(h, c->skip_other);
}

static elide_decision el_zero(const elide_config *c, elide_history h)
{
    h.zero_streak++;
    if (h.zero_streak >= c->zero_streak) {
        h.zero_skip = el_zero_skip_next(c, h.zero_skip);
        return el_skip(h, h.zero_skip);
    }
    return el_other(c, h);
}

elide_decision elide_policy(const elide_config *c, unsigned status, elide_history h)
{
    if (status == 0)
        return el_zero(c, h);
    h.zero_streak = 0;
    if ((status & ELIDE_ABORT_EXPLICIT) &&
        ELIDE_ABORT_CODE(status) == ELIDE_CODE_LOCK_BUSY) {
        h.busy_tries++;
        if (h.busy_tries <= c->retry_busy)
            return el_act(h, ELIDE_WAIT);
        return el_skip(h, c->skip_busy);
    }
    if (status & ELIDE_ABORT_CAPACITY)
        return el_skip(h, c->skip_capacity);
    if (status & (ELIDE_ABORT_CONFLICT | ELIDE_ABORT_RETRY)) {
        h.conflict_tries++;
        if (h.conflict_tries <= c->retry_conflict)
            return el_act(h, ELIDE_RETRY);
        return el_skip(h, c->skip_conflict);
    }
    return el_other(c, h);
}

elide_decision elide_region_policy(const elide_config *c, unsigned status,
                                   elide_history h, unsigned len)
{
    if ((status & ELIDE_ABORT_CAPACITY) && len > 1) {
        h.zero_streak = 0;
        return el_act(h, ELIDE_SHRINK);
    }
    if (status & ELIDE_ABORT_EXPLICIT) {
        unsigned code = ELIDE_ABORT_CODE(status);
        if (code == ELIDE_CODE_OBJ_BUSY || code == ELIDE_CODE_WORLD_STOP)
            status = ELIDE_EXPLICIT_STATUS(ELIDE_CODE_LOCK_BUSY);
        else if (code == ELIDE_CODE_IRREVOCABLE) {
            h.zero_streak = 0;
            return el_act(h, ELIDE_LOCK);
        } else if (code == ELIDE_CODE_ALLOC) {
            h.zero_streak = 0;
            h.other_tries++;
            return el_act(h, h.other_tries <= 1 ? ELIDE_RETRY : ELIDE_LOCK);
        }
    }
    return elide_policy(c, status, h);
}

const char *elide_action_name(elide_action a)
{
    switch (a) {
    case ELIDE_RETRY: return "retry";
    case ELIDE_WAIT: return "wait";
    case ELIDE_SKIP: return "skip";
    case ELIDE_LOCK: return "lock";
    case ELIDE_SHRINK: return "shrink";
    }
    return "?";
}
