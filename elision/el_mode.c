/* el_mode.c: the backend table, choosing the mode (ELIDE_MODE, elide_init),
 * and the transaction entry points that dispatch to the chosen backend.
 *
 * Concurrency contract: el_g_init_lock serialises every writer of the table,
 * the active backend (el_g_be, el_g_begin), el_g_config and the reason; each
 * writer then publishes elide_g_kind with a release store, and readers load
 * it with acquire (elide_kind()) before they read the rest. The table and
 * the active backend never change while locks are in use (elide.h).
 */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define EL_MAX_BACKENDS 16    /* four built in, emu, and room for tests */
#define EL_SELFTEST_TRIES 16  /* the self-test is a few microseconds at most;
                               * one commit in 16 proves RTM works */

static unsigned el_begin_none(void);
const elide_backend el_backend_none = { "none", NULL, NULL, NULL, NULL };
const elide_backend el_backend_hle = { "hle", NULL, NULL, NULL, NULL };
const elide_backend el_backend_rtm = {
    "rtm", el_rtm_begin, el_rtm_end, el_rtm_abort_code, el_rtm_test,
};

static const elide_backend *el_table[EL_MAX_BACKENDS] = {
    &el_backend_none, &el_backend_hle, &el_backend_rtm, &el_backend_inject,
};
static unsigned el_table_n = 4;
static pthread_mutex_t el_g_init_lock = PTHREAD_MUTEX_INITIALIZER;

static elide_backend el_g_be = { "none", NULL, NULL, NULL, NULL };
/* Read by the elide_txn_begin trampoline below. */
__attribute__((visibility("hidden"), used)) unsigned (*el_g_begin)(void) = el_begin_none;
static char el_g_reason[320] = "not initialised yet";

/* elide_txn_begin: jump (not call) to the backend's begin, so the begin
 * returns straight into our caller's frame, twice if need be. */
__asm__(".pushsection .text\n"
        ".globl elide_txn_begin\n"
        ".type elide_txn_begin, @function\n"
        ".p2align 4\n"
        "elide_txn_begin:\n"
        "\tjmp *el_g_begin(%rip)\n"
        ".size elide_txn_begin, .-elide_txn_begin\n"
        ".popsection\n");

/* A backend without transactions: begin "aborts" with status 0. */
static unsigned el_begin_none(void)
{
    return 0;
}

void elide_txn_end(void)
{
    el_g_be.end();
}

void elide_txn_abort(unsigned code)
{
    el_g_be.abort_code(code);
}

int elide_txn_test(void)
{
    return el_g_be.test ? el_g_be.test() : 0;
}

int elide_backend_register(const elide_backend *b)
{
    int r = -1;
    pthread_mutex_lock(&el_g_init_lock);
    int taken = 0;
    for (unsigned i = 0; i < el_table_n; i++)
        taken |= strcmp(el_table[i]->name, b->name) == 0;
    if (!taken && el_table_n < EL_MAX_BACKENDS && b->begin && b->end &&
        b->abort_code && b->test) {
        el_table[el_table_n++] = b;
        r = 0;
    }
    pthread_mutex_unlock(&el_g_init_lock);
    return r;
}

static const elide_backend *el_lookup(const char *name)
{
    for (unsigned i = 0; i < el_table_n; i++)
        if (strcmp(el_table[i]->name, name) == 0)
            return el_table[i];
    return NULL;
}

/* auto: rtm where RTM is in CPUID, not marked always-abort, and a short
 * self-test sees a transaction commit; none elsewhere. */
static const elide_backend *el_choose_auto(void)
{
    const struct elide_tsx_facts *f = elide_tsx_facts();
    if (!f->rtm || f->rtm_always_abort || f->tsx_force_abort) {
        snprintf(el_g_reason, sizeof el_g_reason,
                 "auto: no usable RTM (CPUID RTM=%d RTM_ALWAYS_ABORT=%d "
                 "TSX_FORCE_ABORT=%d, kernel: %s): locks are not elided",
                 f->rtm, f->rtm_always_abort, f->tsx_force_abort,
                 f->kernel_text[0] ? f->kernel_text : "unknown");
        return &el_backend_none;
    }
    elide_rtm_selftest t;
    elide_rtm_selftest_run(EL_SELFTEST_TRIES, &t);
    snprintf(el_g_reason, sizeof el_g_reason,
             "auto: RTM in CPUID, self-test %u/%u transactions committed%s",
             t.commits, t.tries, t.commits ? "" : ": locks are not elided");
    return t.commits ? &el_backend_rtm : &el_backend_none;
}

/* Forced rtm: run real XBEGINs only where they cannot fault. */
static const elide_backend *el_choose_rtm(FILE *err)
{
    const struct elide_tsx_facts *f = elide_tsx_facts();
    if (f->rtm) {
        snprintf(el_g_reason, sizeof el_g_reason, "rtm: requested, RTM in CPUID");
        return &el_backend_rtm;
    }
    if (f->xbegin_executes) {
        snprintf(el_g_reason, sizeof el_g_reason,
                 "rtm: requested; CPUID hides RTM but XBEGIN executes here (TSX "
                 "disabled): every transaction aborts and the policy falls back");
        fprintf(err, "elide: warning: ELIDE_MODE=rtm: CPUID has no RTM; running "
                     "XBEGIN anyway (every transaction will abort)\n");
        return &el_backend_rtm;
    }
    snprintf(el_g_reason, sizeof el_g_reason,
             "rtm: requested, but this CPU has no RTM and nothing shows XBEGIN "
             "can execute (it would fault): using none");
    fprintf(err, "elide: warning: ELIDE_MODE=rtm: this CPU has no RTM "
                 "(XBEGIN would fault); using none\n");
    return &el_backend_none;
}

static const elide_backend *el_choose_named(const char *mode, FILE *err, int *bad)
{
    const elide_backend *b = el_lookup(mode);
    if (b) {
        snprintf(el_g_reason, sizeof el_g_reason, "%s: requested%s", mode,
                 b == &el_backend_hle && !elide_tsx_facts()->hle
                     ? " (no HLE in CPUID: the prefixes are ignored, plain locks)"
                     : "");
        return b;
    }
    if (strcmp(mode, "emu") == 0) {
        fprintf(err, "elide: warning: ELIDE_MODE=emu: no emu backend in this "
                     "program (link libelide_emu); using none\n");
        snprintf(el_g_reason, sizeof el_g_reason,
                 "emu: requested, but libelide_emu is not linked in: using none");
        return &el_backend_none;
    }
    fprintf(err, "elide: ELIDE_MODE='%s' is not one of auto, rtm, hle, none, "
                 "emu, inject: using auto\n", mode);
    *bad = 1;
    return el_choose_auto();
}

static const elide_backend *el_choose(const char *mode, FILE *err, int *bad)
{
    if (!mode || !*mode || strcmp(mode, "auto") == 0)
        return el_choose_auto();
    if (strcmp(mode, "rtm") == 0)
        return el_choose_rtm(err);
    return el_choose_named(mode, err, bad);
}

static unsigned el_kind_of(const elide_backend *b)
{
    if (b == &el_backend_hle)
        return ELIDE_KIND_HLE;
    return b->begin ? ELIDE_KIND_TXN : ELIDE_KIND_NONE;
}

static void el_publish(const elide_backend *b)
{
    el_g_be = *b;
    el_g_begin = b->begin ? b->begin : el_begin_none;
    __atomic_store_n(&elide_g_kind, el_kind_of(b), __ATOMIC_RELEASE);
}

static int el_init_locked(const elide_options *o)
{
    FILE *err = o && o->err ? o->err : stderr;
    const char *mode = o && o->mode ? o->mode : getenv("ELIDE_MODE");
    const char *tun = o && o->tunables ? o->tunables : getenv("ELIDE_TUNABLES");
    int bad = 0;
    elide_config c = ELIDE_CONFIG_DEFAULT_INITIALIZER;
    elide_config_parse(&c, tun, err);
    el_g_config = c;
    el_publish(el_choose(mode, err, &bad));
    return bad ? -1 : 0;
}

int elide_init(const elide_options *o)
{
    pthread_mutex_lock(&el_g_init_lock);
    int r = el_init_locked(o);
    pthread_mutex_unlock(&el_g_init_lock);
    return r;
}

int elide_set_mode(const char *mode)
{
    elide_options o = { mode ? mode : "auto", NULL, NULL };
    return elide_init(&o);
}

void elide_kind_resolve_(void)
{
    pthread_mutex_lock(&el_g_init_lock);
    if (__atomic_load_n(&elide_g_kind, __ATOMIC_ACQUIRE) == ELIDE_KIND_UNSET)
        el_init_locked(NULL);
    pthread_mutex_unlock(&el_g_init_lock);
}

const char *elide_backend_name(void)
{
    elide_kind_resolve_();
    return el_g_be.name;
}

const char *elide_backend_reason(void)
{
    elide_kind_resolve_();
    return el_g_reason;
}

void elide_config_set(const elide_config *c)
{
    pthread_mutex_lock(&el_g_init_lock);
    if (__atomic_load_n(&elide_g_kind, __ATOMIC_RELAXED) == ELIDE_KIND_UNSET)
        el_init_locked(NULL); /* so the first lock does not overwrite c */
    el_g_config = *c;
    unsigned k = __atomic_load_n(&elide_g_kind, __ATOMIC_RELAXED);
    __atomic_store_n(&elide_g_kind, k, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&el_g_init_lock);
}
