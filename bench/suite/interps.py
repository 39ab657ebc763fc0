"""The interpreters a run compares, and how one run of a workload starts.

A target is one column of the results: `cpython` (python3, the GIL
reference) or `elide-MODE`. elide is asked, never assumed: a mode is used
when `elide --mode=MODE -c pass` exits 0, and `rtm` by default only when
`elide --probe --json` says auto would pick it (RTM usable). A mode that
does not run is skipped with the reason in the summary.

Statistics: every elide run gets ELIDE_STATS=json and ELIDE_STATS_FILE=a
fresh path (and `--stats=json` when elide accepts that option); the JSON
object elide writes there at exit is the run's statistics, None if absent.
"""
import json
import os
import shutil
import subprocess

ELIDE_MODES = ("gil", "fine", "rtm", "emu", "hle", "auto")
DEFAULT_MODES = ("cpython", "gil", "fine", "rtm", "emu", "hle")
# Seconds a `-c pass` start may take: emu may re-execute an instrumented
# build, so allow far more than a normal start (a few milliseconds).
PROBE_TIMEOUT = 30


def _try(argv, env=None, timeout=PROBE_TIMEOUT):
    """(exit status, stdout, stderr); status None when it cannot run."""
    try:
        p = subprocess.run(argv, capture_output=True, text=True,
                           timeout=timeout, env=env)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "", str(e)
    return p.returncode, p.stdout, p.stderr


def _first_line(text):
    lines = [l for l in text.strip().splitlines() if l.strip()]
    return lines[0].strip() if lines else ""


class Target:
    """One interpreter in one mode."""

    def __init__(self, label, exe, mode, is_elide):
        self.label = label
        self.exe = exe
        self.mode = mode
        self.is_elide = is_elide
        self.stats_flag = False
        self.pin_wrapper = None    # argv prefix for CPython pinning
        self.pin_env = False       # ELIDE_PIN=1

    def command(self, script, threads, size, stats_path):
        """(argv, env) for one run of script."""
        env = dict(os.environ)
        env["PYTHONHASHSEED"] = "0"
        argv = [self.exe]
        if self.is_elide:
            argv.append("--mode=" + self.mode)
            if self.stats_flag:
                argv.append("--stats=json")
            env["ELIDE_MODE"] = self.mode
            env["ELIDE_STATS"] = "json"
            env["ELIDE_STATS_FILE"] = stats_path
            if self.pin_env:
                env["ELIDE_PIN"] = "1"
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
        argv += [script, str(threads), str(size)]
        if self.pin_wrapper:
            argv = self.pin_wrapper(threads) + argv
        return argv, env


def read_stats(path):
    """elide's statistics object from path, or None (absent or invalid)."""
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def find_elide(root, given):
    """The elide binary to use and a note when there is none."""
    if given:
        path = os.path.abspath(given)
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return path, None
        return None, "no executable elide at %s" % given
    path = os.path.join(root, "build", "plain", "elide")
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path, None
    return None, ("no elide binary at build/plain/elide (build it with "
                  "scripts/build.sh plain, or pass --elide PATH)")


def probe_mode(elide):
    """The mode elide's probe would pick ('rtm', 'fine', ...) or None."""
    rc, out, _ = _try([elide, "--probe", "--json", "--fast"])
    if rc != 0:
        return None
    try:
        return json.loads(out).get("mode")
    except ValueError:
        return None


def elide_targets(elide, modes, forced):
    """(targets, notes) for the elide modes asked for.

    forced: the user named the modes, so rtm runs even where the probe
    says RTM is not usable (it then measures the always-abort path)."""
    targets, notes = [], []
    picked = None
    for mode in modes:
        rc, _, err = _try([elide, "--mode=" + mode, "-c", "pass"],
                          env=dict(os.environ, ELIDE_MODE=mode))
        if rc != 0:
            why = _first_line(err) or ("exit status %s" % rc)
            notes.append("elide mode %s skipped: `elide --mode=%s -c pass` "
                         "failed (%s)" % (mode, mode, why))
            continue
        if mode == "rtm" and not forced:
            picked = picked or probe_mode(elide) or "unknown"
            if picked != "rtm":
                notes.append("elide mode rtm skipped: the probe says RTM is "
                             "not usable here (auto picks %s); name it in "
                             "--modes to measure forced rtm" % picked)
                continue
        t = Target("elide-" + mode, elide, mode, True)
        rc, _, _ = _try([elide, "--mode=" + mode, "--stats=json", "-c", "pass"],
                        env=dict(os.environ, ELIDE_STATS_FILE=os.devnull))
        t.stats_flag = rc == 0
        targets.append(t)
    return targets, notes


def cpython_target(python):
    exe = shutil.which(python) or python
    rc, out, err = _try([exe, "-c", "import sys; print(sys.version.split()[0])"])
    if rc != 0:
        return None, "cpython skipped: %s does not run (%s)" % (
            python, _first_line(err) or rc)
    t = Target("cpython", exe, "cpython", False)
    t.version = out.strip()
    return t, None


def elide_version(elide):
    rc, out, _ = _try([elide, "--version"])
    return out.strip() if rc == 0 else None


def setup_pinning(targets, cores):
    """Pins every target; returns a note saying how (or why not)."""
    tool = None
    if shutil.which("hwloc-bind"):
        tool = "hwloc-bind"
    elif shutil.which("taskset"):
        tool = "taskset"
    for t in targets:
        if t.is_elide:
            t.pin_env = True
        elif tool:
            t.pin_wrapper = _wrapper(tool, cores)
    how = ("elide threads pinned by elide itself (ELIDE_PIN=1, through "
           "hwloc)")
    if tool:
        how += ("; python3 processes bound with %s to the first "
                "min(threads, %d) cores (CPython cannot pin each thread)"
                % (tool, cores))
    else:
        how += "; python3 not pinned (neither hwloc-bind nor taskset found)"
    return how


def _wrapper(tool, cores):
    def wrap(threads):
        last = min(threads, cores) - 1
        if tool == "hwloc-bind":
            return ["hwloc-bind", "core:0-%d" % last, "--"]
        return ["taskset", "-c", "0-%d" % last]
    return wrap
