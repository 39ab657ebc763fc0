/* main.c: the `elide` program.
 *
 * Today: --probe [--json] [--fast], --version, --help. The interpreter's command line
 * (scripts, -c, -, the prompt, --mode) joins here as it lands.
 */
#include <stdio.h>
#include <string.h>

#include "probe.h"

#ifndef ELIDE_VERSION
#define ELIDE_VERSION "0.0.0"
#endif

static void usage(FILE *out)
{
    fputs("usage: elide [option] ...\n"
          "  --probe         report what this machine can do for transactional\n"
          "                  lock elision and which mode auto picks\n"
          "  --probe --json  the same report as JSON\n"
          "  --probe --fast  the report without the hwloc topology (cheaper)\n"
          "  --version       print the version and exit\n"
          "  -h, --help      print this help and exit\n"
          "environment: ELIDE_MODE=auto|rtm|hle|none|emu, "
          "ELIDE_TUNABLES=name=value:...\n",
          out);
}

static int bad_usage(const char *what, const char *arg)
{
    fprintf(stderr, "elide: %s: %s\n", what, arg);
    usage(stderr);
    return 2;
}

static int run_probe(int json, int fast)
{
    probe_report *r = probe_run(fast ? PROBE_FAST : PROBE_FULL);
    if (!r) {
        fprintf(stderr, "elide: probe failed: out of memory\n");
        return 1;
    }
    if (json)
        probe_print_json(stdout, r);
    else
        probe_print_text(stdout, r);
    probe_free(r);
    return fflush(stdout) == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
    int probe = 0, json = 0, fast = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--probe"))
            probe = 1;
        else if (!strcmp(a, "--json"))
            json = 1;
        else if (!strcmp(a, "--fast"))
            fast = 1;
        else if (!strcmp(a, "--version")) {
            printf("elide %s\n", ELIDE_VERSION);
            return 0;
        } else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        } else
            return bad_usage("unknown option", a);
    }
    if (json && !probe)
        return bad_usage("--json needs", "--probe");
    if (fast && !probe)
        return bad_usage("--fast needs", "--probe");
    if (!probe) {
        usage(stderr);
        return 2;
    }
    return run_probe(json, fast);
}
