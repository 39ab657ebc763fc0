"""The measurement loop: calibration, repetitions, noise, wrong results.

For each workload x target the runner first calibrates: it runs 1 thread at
the workload's `calibrate` size, grows the size until a run takes a fair
part of the target time, then scales it so that 1 thread takes about the
target time (slow modes such as emu thus get smaller sizes; throughput,
not time, is what the modes are compared on). Then, for each thread count,
it runs the workload `reps` times at that size:

- a run whose exit status is not 0, whose RESULT line is missing or says
  check=wrong, or that times out, rejects the whole point: it is recorded
  with its reason and no time;
- the time of a run is the workload's own `seconds` (its threads' work,
  without interpreter start-up);
- spread = (max - min) / median over the repetitions; above the noise
  threshold the point is measured again (up to `reruns` times, while the
  time budget lasts), the set with the smallest spread is kept, and a point
  still above the threshold is marked noisy.
"""
import os
import resource
import subprocess
import time

from . import interps
from . import workloads as wl

# Sizes never grow past this: a workload whose run stays that short even
# then measures only the clock, and Python lists of that length are big.
MAX_SIZE = 50_000_000
# Calibration grows the size until one run takes at least this fraction of
# the target time: long enough that start-up jitter of the workload's own
# threads (tens of microseconds) is under 1% of it.
CALIBRATE_FRACTION = 0.25
CALIBRATE_STEPS = 6
# A run that takes this many times its planned length (threads x target)
# marks a point as slow: SLOW_REPS runs, no rerun when noisy. Without it
# the lock-bound workloads under CPython took a fifth of the full suite.
SLOW_FACTOR = 4.0
SLOW_REPS = 3


def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2.0


def spread(xs):
    m = median(xs)
    return (max(xs) - min(xs)) / m if m > 0 else 0.0


class Run:
    """The outcome of one process."""

    def __init__(self):
        self.ops = self.seconds = self.stats = self.perf = None
        self.problem = None
        self.status = "ok"
        self.wall = 0.0
        self.cpu = 0.0


class Measurer:
    def __init__(self, opts, tmpdir, perf=None):
        self.o = opts
        self.tmp = tmpdir
        self.perf = perf
        self.counter = 0

    def run_once(self, target, workload, threads, size):
        r = Run()
        self.counter += 1
        stats_path = os.path.join(self.tmp, "stats-%d.json" % self.counter)
        argv, env = target.command(workload.path, threads, size, stats_path)
        perf_path = None
        if self.perf is not None:
            perf_path = stats_path[:-5] + ".perf"
            argv = self.perf.wrap(argv, perf_path)
        timeout = self.o.timeout or max(60.0, 30.0 * self.o.target * threads)
        t0 = time.monotonic()
        ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        try:
            p = subprocess.run(argv, env=env, capture_output=True, text=True,
                               timeout=timeout, cwd=os.path.dirname(workload.path))
        except subprocess.TimeoutExpired:
            r.status, r.problem = "timeout", "timed out after %.0f s" % timeout
            return r
        except OSError as e:
            r.status, r.problem = "failed", "cannot run %s: %s" % (argv[0], e)
            return r
        r.wall = time.monotonic() - t0
        ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        # Runs are sequential, so the children's usage grew by this one's
        # (with its perf or hwloc-bind wrapper, which costs little).
        r.cpu = (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime)
        r.ops, r.seconds, r.problem = wl.judge(p.returncode, p.stdout, p.stderr)
        if r.problem:
            r.status = "wrong" if r.problem.startswith("wrong") else "failed"
            return r
        if target.is_elide:
            r.stats = interps.read_stats(stats_path)
        if perf_path:
            r.perf = self.perf.read(perf_path)
        for path in (stats_path, perf_path):
            if path and os.path.exists(path):
                os.unlink(path)
        return r

    def calibrate(self, target, workload):
        """(size, None) or (None, failed Run)."""
        if self.o.size:
            return self.o.size, None
        size = workload.calibrate
        for _ in range(CALIBRATE_STEPS):
            r = self.run_once(target, workload, 1, size)
            if r.problem:
                return None, r
            want = CALIBRATE_FRACTION * self.o.target
            if r.seconds >= want or size >= MAX_SIZE:
                break
            size = min(MAX_SIZE, int(size * min(50.0, max(2.0, want / r.seconds))))
        return max(1, min(MAX_SIZE, int(size * self.o.target / r.seconds))), None

    def repeat(self, target, workload, threads, size):
        """reps runs; (runs, None) or (runs so far, the failed Run). A point
        whose first run takes SLOW_FACTOR times what the plan gave it (a
        lock-bound workload whose threads convoy: CPython's btree at 4
        threads ran 24 s where 1 s was planned) gets SLOW_REPS runs."""
        runs = []
        for _ in range(self.o.reps):
            r = self.run_once(target, workload, threads, size)
            if r.problem:
                return runs, r
            runs.append(r)
            if len(runs) >= SLOW_REPS and self.slow(runs, threads):
                break
        return runs, None

    def slow(self, runs, threads):
        """Did the first of these runs take SLOW_FACTOR times its plan?"""
        return bool(runs) and runs[0].seconds > SLOW_FACTOR * threads * self.o.target

    def point(self, target, workload, threads, size, budget_left):
        """One record (without speedup, added once all threads are in)."""
        rec = new_record(target, workload, threads, size)
        best = None
        for attempt in range(1 + self.o.reruns):
            runs, bad = self.repeat(target, workload, threads, size)
            rec["attempts"] = attempt + 1
            if bad:
                rec["status"], rec["reason"] = bad.status, bad.problem
                return rec
            sp = spread([r.seconds for r in runs])
            if best is None or sp < best[0]:
                best = (sp, runs)
            if sp <= self.o.noise or not budget_left() or self.slow(runs, threads):
                break
        fill_timing(rec, best[1], self.o.noise)
        return rec


def new_record(target, workload, threads, size):
    return {
        "workload": workload.name, "kind": workload.kind,
        "target": target.label, "interpreter": "elide" if target.is_elide else "cpython",
        "mode": target.mode, "threads": threads, "size": size,
        "unit": workload.unit, "status": "ok", "reason": None, "attempts": 0,
        "ops": None, "times": [], "time_median": None, "time_min": None,
        "time_max": None, "spread": None, "throughput": None, "cpu_per_wall": None,
        "speedup": None, "efficiency": None,
        "commit_ratio": None, "fallback_ratio": None, "abort_rates": None,
        "stats": None, "stats_raw": None, "perf": None,
    }


def fill_timing(rec, runs, noise):
    times = [r.seconds for r in runs]
    rec["ops"] = runs[0].ops
    rec["times"] = [round(t, 6) for t in times]
    rec["time_median"] = median(times)
    rec["time_min"], rec["time_max"] = min(times), max(times)
    rec["spread"] = spread(times)
    rec["throughput"] = rec["ops"] / rec["time_median"]
    # CPU seconds over wall seconds of the whole process (start-up
    # included): about min(threads, cores) when the threads really ran in
    # parallel, about 1 under a GIL, and lower when other processes took
    # the CPUs from this one.
    rec["cpu_per_wall"] = median([r.cpu / r.wall for r in runs if r.wall > 0] or [0.0])
    if rec["spread"] > noise:
        rec["status"] = "noisy"
        rec["reason"] = "spread %.0f%% above the %.0f%% threshold after %d attempt(s)" % (
            100 * rec["spread"], 100 * noise, rec["attempts"])
    raw = [r.stats for r in runs]
    if raw and all(s is not None for s in raw):
        rec["stats_raw"] = raw
        rec["stats"] = sum_stats(raw)
        derive_ratios(rec, rec["stats"])
    perfs = [r.perf for r in runs]
    if perfs and all(p is not None for p in perfs):
        rec["perf"] = {k: sum(p.get(k, 0) for p in perfs) for k in perfs[0]}


def sum_stats(raw):
    """Numbers summed over the runs (nested dicts too); other values from
    the first run (mode, reasons)."""
    out = {}
    for key, val in raw[0].items():
        vals = [s.get(key) for s in raw]
        if isinstance(val, bool) or not isinstance(val, (int, float, dict)):
            out[key] = val
        elif isinstance(val, dict):
            out[key] = sum_stats([v if isinstance(v, dict) else {} for v in vals])
        else:
            out[key] = sum(v for v in vals if isinstance(v, (int, float))
                           and not isinstance(v, bool))
    return out


def _num(d, key):
    v = d.get(key)
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def flat_counts(d, prefix=""):
    """{cause: count}, a nested dict (explicit aborts by code name) as
    "explicit:CODE" entries."""
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(flat_counts(v, prefix + k + ":"))
        elif _num(d, k) is not None:
            out[prefix + k] = v
    return out


def derive_ratios(rec, st):
    started, committed = _num(st, "tx_started"), _num(st, "tx_committed")
    regions, fallbacks = _num(st, "regions"), _num(st, "fallbacks")
    if started:
        if committed is not None:
            rec["commit_ratio"] = committed / started
        aborts = st.get("aborts")
        if isinstance(aborts, dict):
            rec["abort_rates"] = {k: v / started for k, v in flat_counts(aborts).items()}
    if regions and fallbacks is not None:
        rec["fallback_ratio"] = fallbacks / regions


def add_speedups(records):
    """speedup = throughput / throughput at 1 thread (same workload and
    target); efficiency = speedup / threads (1.0 is perfect weak scaling)."""
    base = {(r["workload"], r["target"]): r["throughput"] for r in records
            if r["threads"] == 1 and r["throughput"]}
    for r in records:
        b = base.get((r["workload"], r["target"]))
        if b and r["throughput"]:
            r["speedup"] = r["throughput"] / b
            r["efficiency"] = r["speedup"] / r["threads"]


def failed_record(target, workload, threads, run_or_reason):
    rec = new_record(target, workload, threads, None)
    if isinstance(run_or_reason, str):
        rec["status"], rec["reason"] = "skipped", run_or_reason
    else:
        rec["status"] = run_or_reason.status
        rec["reason"] = "at calibration (1 thread): " + run_or_reason.problem
    return rec
