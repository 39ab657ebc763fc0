#!/usr/bin/env python3
"""run_stress.py: the threaded stress scripts of tests/interp/stress in every
mode and at several thread counts, each run under a time bound.

Each script takes THREADS SCALE, checks its own result exactly and prints a
line starting with OK (exit 0) or FAIL (exit 1). A run that does not finish
within its bound counts as a deadlock. Modes that this machine or build
cannot run (elide refuses them with exit status 2: rtm without XBEGIN, emu
without elide-emu) are skipped and said so; any other refusal fails.

    run_stress.py --elide build/plain/elide
    run_stress.py --elide build/plain/elide --modes fine,emu --threads 2,16
    run_stress.py --elide build/tsan/elide --tsan     # fine mode under TSan
    run_stress.py --elide build/plain/elide --scale 10 --timeout 600   # long tier

The last line is `N passed, N failed, N skipped`; exit status 1 if anything
failed, 2 on bad usage.
"""
import argparse
import concurrent.futures
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
STRESS = os.path.join(HERE, "stress")
MODES = ["gil", "fine", "rtm", "hle", "emu"]
# The simulator runs 5-50x slower: it gets a tenth of the work.
EMU_SCALE_DIV = 10


def runnable(elide, mode, env):
    p = subprocess.run([elide, "--mode=" + mode, "-c", "pass"], env=env,
                       capture_output=True, text=True, timeout=60)
    if p.returncode == 0:
        return True, ""
    return False, (p.stderr.strip().splitlines() or ["exit %d" % p.returncode])[0]


def run_one(elide, script, mode, threads, scale, timeout, env, fail_on=None):
    argv = [elide, "--mode=" + mode, os.path.join(STRESS, script), str(threads), str(scale)]
    try:
        p = subprocess.run(argv, env=env, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, "no result within %d s (deadlock?)" % timeout
    first = (p.stdout.strip().splitlines() or [""])[0]
    if fail_on and fail_on in p.stderr:
        return False, "stderr has %r: %s" % (fail_on, p.stderr.strip()[-600:])
    if p.returncode == 0 and first.startswith("OK"):
        return True, first
    return False, "exit %d: %s %s" % (p.returncode, first, p.stderr.strip()[-600:])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--elide", required=True)
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--threads", default="2,4,8,16")
    ap.add_argument("--scale", type=int, default=1, help="work per thread (1: the fast tier)")
    ap.add_argument("--timeout", type=int, default=120, help="seconds one run may take")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--filter", default="", help="only scripts whose name contains this")
    ap.add_argument("--fail-on", help="a run whose stderr contains this text fails "
                    "(e.g. the simulator's 'lock discipline' reports)")
    ap.add_argument("--tsan", action="store_true",
                    help="a ThreadSanitizer build: fine mode only, no collection "
                         "(GC_DONT_GC=1: Boehm's stop-the-world signals break TSan), "
                         "any report fails the run")
    a = ap.parse_args()
    env = dict(os.environ)
    env.pop("ELIDE_MODE", None)
    modes = a.modes.split(",")
    if a.tsan:
        modes = ["fine"]
        env["GC_DONT_GC"] = "1"
        env["TSAN_OPTIONS"] = "halt_on_error=1 exitcode=66 " + env.get("TSAN_OPTIONS", "")
    for m in modes:
        if m not in MODES:
            print("run_stress.py: unknown mode %r" % m, file=sys.stderr)
            return 2
    threads = [int(t) for t in a.threads.split(",")]
    scripts = sorted(f for f in os.listdir(STRESS) if f.endswith(".py") and a.filter in f)
    passed = failed = skipped = 0
    jobs = []
    for m in modes:
        ok, why = runnable(a.elide, m, env)
        if not ok:
            if m in ("rtm", "emu"):
                print("SKIP mode %s: %s" % (m, why))
                skipped += 1
                continue
            print("FAIL mode %s cannot run: %s" % (m, why))
            failed += 1
            continue
        scale = max(1, a.scale // EMU_SCALE_DIV) if m == "emu" else a.scale
        for s in scripts:
            for t in threads:
                jobs.append((s, m, t, scale))
    with concurrent.futures.ThreadPoolExecutor(max_workers=a.jobs) as ex:
        futs = {ex.submit(run_one, a.elide, s, m, t, sc, a.timeout, env, a.fail_on): (s, m, t)
                for s, m, t, sc in jobs}
        for f in concurrent.futures.as_completed(futs):
            s, m, t = futs[f]
            ok, msg = f.result()
            if ok:
                passed += 1
            else:
                failed += 1
                print("FAIL %s --mode=%s threads=%d: %s" % (s, m, t, msg))
    print("%d passed, %d failed, %d skipped" % (passed, failed, skipped))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
