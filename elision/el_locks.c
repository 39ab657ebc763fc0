/* el_locks.c: the futex mutex's slow paths (Drepper, "Futexes Are Tricky",
 * mutex 3). State 2 means "someone may sleep": whoever sees it on unlock
 * stores 0 and wakes one sleeper, who sets 2 again (it cannot know whether
 * others sleep), so no wake-up is lost. */
#define ELIDE_BUILD_CORE 1
#include "el_internal.h"

#include <errno.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

static void el_futex_wait(uint32_t *word, uint32_t expected)
{
    long r = syscall(SYS_futex, word, FUTEX_WAIT_PRIVATE, expected, NULL, NULL, 0);
    if (r != 0 && errno != EAGAIN && errno != EINTR)
        el_die("futex wait failed (errno %d)", errno);
}

static void el_futex_wake(uint32_t *word, int n)
{
    if (syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, n, NULL, NULL, 0) < 0)
        el_die("futex wake failed (errno %d)", errno);
}

/* A short spin before sleeping: most holders leave within a few hundred
 * cycles, and a futex round trip costs microseconds. 100 steps is the
 * order glibc's adaptive mutex uses (its max spin count defaults to 100). */
#define EL_MUTEX_SPINS 100

void elide_mutex_lock_slow_(elide_mutex *m, uint32_t c)
{
    for (unsigned i = 0; i < EL_MUTEX_SPINS && c == 1; i++) {
        __builtin_ia32_pause();
        c = __atomic_load_n(&m->state, __ATOMIC_RELAXED);
        if (c == 0 && __atomic_compare_exchange_n(&m->state, &c, 1, 0,
                                                  __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
            return;
    }
    if (c != 2)
        c = __atomic_exchange_n(&m->state, 2, __ATOMIC_ACQUIRE);
    while (c != 0) {
        el_futex_wait(&m->state, 2);
        c = __atomic_exchange_n(&m->state, 2, __ATOMIC_ACQUIRE);
    }
}

void elide_unlock_misuse_(const void *lock, const char *what)
{
    el_die("%s (lock %p)", what, lock);
}

/* Called when the decrement found 2 (so the state is now 1), or 0 (the
 * mutex was not locked: misuse). */
void elide_mutex_unlock_slow_(elide_mutex *m, uint32_t seen)
{
    if (seen == 0)
        elide_unlock_misuse_(m, "unlock of an unlocked elide_mutex");
    __atomic_store_n(&m->state, 0, __ATOMIC_RELEASE);
    el_futex_wake(&m->state, 1);
}
