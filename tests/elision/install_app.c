/* install_app.c: a program that knows libelide only through pkg-config. */
#include <elide.h>
#include <stdio.h>

static elide_mutex m = ELIDE_MUTEX_INITIALIZER;
static long counter;

int main(void)
{
    for (int i = 0; i < 1000; i++) {
        elide_mutex_lock(&m);
        counter++;
        elide_mutex_unlock(&m);
    }
    printf("backend=%s counter=%ld\n", elide_backend_name(), counter);
    return counter == 1000 ? 0 : 1;
}
