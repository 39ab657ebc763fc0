/* stats_json.c: print the merged statistics of a small multi-threaded
 * inject run as JSON on stdout, for a ctest that parses it with
 * `python3 -m json.tool` (the JSON must be valid, not just look right). */
#include <elide.h>
#include <pthread.h>
#include <stdio.h>

static elide_mutex m = ELIDE_MUTEX_INITIALIZER;
static long shared;

static void *work(void *arg)
{
    (void)arg;
    for (int i = 0; i < 5000; i++) {
        elide_mutex_lock(&m);
        shared++;
        elide_mutex_unlock(&m);
    }
    return NULL;
}

int main(void)
{
    if (elide_set_mode("inject") != 0)
        return 2;
    elide_inject_random(42);
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        if (pthread_create(&t[i], NULL, work, NULL) != 0)
            return 2;
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    if (shared != 15000) {
        fprintf(stderr, "stats_json: lost updates (%ld)\n", shared);
        return 1;
    }
    return elide_stats_print(stdout, ELIDE_STATS_JSON) == 0 ? 0 : 1;
}
