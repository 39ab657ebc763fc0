/* py_mode.c: --mode= / ELIDE_MODE parsing and the auto verdict (py_mode.h). */
#include "py_mode.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

static const char *const mode_names[] = {
    [PY_MODE_GIL] = "gil", [PY_MODE_FINE] = "fine", [PY_MODE_RTM] = "rtm",
    [PY_MODE_EMU] = "emu", [PY_MODE_HLE] = "hle",   [PY_MODE_AUTO] = "auto",
};

/* The mode used when neither --mode nor ELIDE_MODE is given: the probe's
 * verdict (rtm where transactions commit, else fine). */
#define PY_MODE_DEFAULT PY_MODE_AUTO

const char *py_mode_name(py_mode m)
{
    return (unsigned)m <= PY_MODE_AUTO ? mode_names[m] : "?";
}

int py_mode_parse(const char *name, py_mode *out)
{
    for (unsigned m = 0; m <= PY_MODE_AUTO; m++)
        if (!strcmp(name, mode_names[m])) {
            *out = (py_mode)m;
            return 0;
        }
    return -1;
}

/* auto: the probe's fast verdict (no hwloc), its first reason kept. */
static int choose_auto(py_mode_choice *out)
{
    probe_report *r = probe_run(PROBE_FAST);
    if (!r) {
        fputs("elide: --mode=auto: the probe failed (out of memory)\n", stderr);
        return 2;
    }
    const probe_verdict *v = probe_report_verdict(r);
    out->mode = v->mode == PROBE_MODE_RTM ? PY_MODE_RTM : PY_MODE_FINE;
    snprintf(out->reason, sizeof out->reason, "auto: %s",
             v->nreasons ? v->reasons[0] : probe_mode_name(v->mode));
    probe_free(r);
    return 0;
}

int py_mode_choose(const char *asked, py_mode_choice *out)
{
    py_mode m = PY_MODE_DEFAULT;
    const char *src = asked ? "--mode" : "ELIDE_MODE";
    const char *name = asked ? asked : getenv("ELIDE_MODE");
    if (name && !asked && !*name)
        name = NULL; /* ELIDE_MODE= (empty) means unset, as for PYTHON* */
    if (name && py_mode_parse(name, &m)) {
        fprintf(stderr, "elide: %s: unknown mode '%s' (known: gil, fine, auto, rtm, emu, hle)\n",
                src, name);
        return 2;
    }
    if (m == PY_MODE_AUTO) {
        if (choose_auto(out))
            return 2;
    } else {
        out->mode = m;
        snprintf(out->reason, sizeof out->reason, "%s",
                 name ? (asked ? "forced by --mode" : "forced by ELIDE_MODE") : "default");
    }
    return 0;
}
