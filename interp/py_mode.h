/* py_mode.h: which way the GIL is run (--mode= and ELIDE_MODE).
 *
 * Concurrency contract: the mode is chosen once in main() before the
 * interpreter thread starts and never changes afterwards; py_mode_choose()
 * runs on the main thread only and touches only its arguments (and, for
 * auto, the probe, which any thread may call). The result is a plain value
 * handed to the interpreter; nothing here is shared.
 *
 * The names are the issue's: gil (the baseline), fine (per-object locks, no
 * GIL), rtm, emu, hle, and auto (the default: the probe's verdict, rtm where
 * usable, else fine). Whether the machine can run the chosen mode is
 * py_run_init's question (py_region.h).
 */
#ifndef PY_MODE_H
#define PY_MODE_H

typedef enum py_mode {
    PY_MODE_GIL = 0,   /* one GIL, handed over at yield points */
    PY_MODE_FINE,      /* no GIL: fallback/'s per-object locks */
    PY_MODE_RTM,       /* regions as RTM transactions (libelide) */
    PY_MODE_EMU,       /* the rtm path on the software HTM simulator */
    PY_MODE_HLE,       /* the GIL taken with XACQUIRE/XRELEASE */
    PY_MODE_AUTO,      /* resolved by py_mode_choose(), never run as such */
} py_mode;

/* The probe's longest reason sentence (PROBE_NOTE_LEN, 256 bytes) behind the
 * 6-byte prefix "auto: ", rounded up to 16. */
#define PY_MODE_REASON_LEN 272

typedef struct py_mode_choice {
    py_mode mode;                      /* never PY_MODE_AUTO */
    char reason[PY_MODE_REASON_LEN];   /* why this mode: for --stats */
} py_mode_choice;

const char *py_mode_name(py_mode m);
/* 0 and *out set for a known name, -1 otherwise. */
int py_mode_parse(const char *name, py_mode *out);
/* Resolve `asked` (the option, else ELIDE_MODE, else NULL = the default)
 * into a runnable mode. On failure prints one message to stderr and returns
 * 2 (the exit status); 0 on success. */
int py_mode_choose(const char *asked, py_mode_choice *out);

#endif
