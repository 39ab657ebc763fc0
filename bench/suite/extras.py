"""What the suite measures beside the workloads: the hardware's own TSX
counters through perf, and libelide's Google Benchmark lock benchmarks."""
import glob
import os
import shutil
import subprocess

TSX_EVENTS = "tx-start,tx-commit,tx-abort,tx-capacity,tx-conflict"


class Perf:
    """Wraps runs in `perf stat -x, -e <TSX events>`."""

    def wrap(self, argv, out_path):
        return ["perf", "stat", "-x,", "-o", out_path, "-e", TSX_EVENTS, "--"] + argv

    def read(self, path):
        """{event: count} from perf's CSV, or None."""
        counts = {}
        try:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    parts = line.strip().split(",")
                    if len(parts) >= 3 and parts[0].isdigit():
                        counts[parts[2].split(":")[0]] = int(parts[0])
        except OSError:
            return None
        return counts or None


def detect_perf():
    """(Perf or None, a note saying which and why)."""
    if not shutil.which("perf"):
        return None, "perf not installed: no hardware TSX counters"
    try:
        p = subprocess.run(["perf", "stat", "-x,", "-e", TSX_EVENTS, "--", "true"],
                           capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, "perf does not run (%s): no hardware TSX counters" % e
    bad = ("<not supported>" in p.stderr or "<not counted>" in p.stderr)
    if p.returncode != 0 or bad:
        first = next((l.strip() for l in p.stderr.splitlines() if l.strip()), "")
        return None, ("perf cannot count %s on this machine (%s): no hardware "
                      "TSX counters; elide's own statistics only" % (TSX_EVENTS, first))
    return Perf(), "hardware TSX counters from perf stat -e " + TSX_EVENTS


def find_lock_bench(root, given):
    """The Google Benchmark lock binary: given, else build/plain/bench/,
    else any build/*/bench/ (sanitizer builds last)."""
    if given:
        return given if os.access(given, os.X_OK) else None
    cands = sorted(glob.glob(os.path.join(root, "build", "plain", "bench", "elide_bench*")))
    others = sorted(glob.glob(os.path.join(root, "build", "*", "bench", "elide_bench*")))
    cands += [c for c in others if "san" not in c] + [c for c in others if "san" in c]
    for c in cands:
        if os.path.isfile(c) and os.access(c, os.X_OK) and not c.endswith(".json"):
            return c
    return None


def run_lock_bench(binary, out_dir, min_time, bench_filter, timeout):
    """Runs it with --benchmark_out; (json path or None, note)."""
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, "locks.json")
    argv = [binary, "--benchmark_out=" + out, "--benchmark_out_format=json",
            "--benchmark_min_time=%g" % min_time]
    if bench_filter:
        argv.append("--benchmark_filter=" + bench_filter)
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "lock benchmarks timed out after %d s (%s)" % (timeout, binary)
    except OSError as e:
        return None, "lock benchmarks did not run: %s" % e
    with open(os.path.join(out_dir, "locks.txt"), "w", encoding="utf-8") as f:
        f.write(p.stdout + p.stderr)
    if p.returncode != 0 or not os.path.exists(out):
        return None, "lock benchmarks failed (exit %d; see locks/locks.txt)" % p.returncode
    return out, "lock benchmarks: %s (%s)" % (binary, " ".join(argv[1:]))
