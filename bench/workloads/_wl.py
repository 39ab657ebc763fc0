"""_wl.py: the harness every workload in bench/workloads shares.

A workload is a script `NAME.py THREADS SIZE`: it starts THREADS threads,
each doing the same SIZE units of work (weak scaling: N threads do N times
the work of one, so ideal throughput grows N-fold), checks every thread's
result, and prints one line for the runner (bench/run):

    RESULT workload=NAME threads=N size=S ops=TOTAL seconds=T check=ok

`seconds` covers only the threads' work: they all wait at a barrier, the
clock starts when the barrier opens and stops when the last one is joined
(interpreter start-up and the check are outside it). On a wrong result the
line says check=wrong, the reason goes to stderr, and the exit status is 1;
bad arguments exit 2. Only threading, time and sys are used here, so the
workloads run unmodified under CPython 3.11 and under elide.
"""
import sys
import threading
import time


def _usage(name, msg):
    sys.stderr.write("%s: %s\nusage: %s.py [THREADS [SIZE]]  "
                     "(positive integers)\n" % (name, msg, name))
    sys.exit(2)


def parse_args(name, default_size):
    """THREADS and SIZE from argv (defaults: 1 thread, default_size)."""
    args = sys.argv[1:]
    if len(args) > 2:
        _usage(name, "too many arguments")
    vals = []
    for a in args:
        if not a.isdigit() or int(a) < 1:
            _usage(name, "not a positive integer: %r" % a)
        vals.append(int(a))
    threads = vals[0] if vals else 1
    size = vals[1] if len(vals) > 1 else default_size
    return threads, size


def run_threads(nthreads, work):
    """Runs work(tid) on nthreads threads started together; returns
    (results by tid, seconds). An exception in any thread is fatal."""
    results = [None] * nthreads
    errors = []
    gate = threading.Barrier(nthreads + 1)

    def body(tid):
        gate.wait()
        try:
            results[tid] = work(tid)
        except BaseException as e:
            errors.append("thread %d: %s: %s" % (tid, type(e).__name__, e))

    ts = [threading.Thread(target=body, args=(i,)) for i in range(nthreads)]
    for t in ts:
        t.start()
    gate.wait()
    t0 = time.perf_counter()
    for t in ts:
        t.join()
    seconds = time.perf_counter() - t0
    if errors:
        sys.stderr.write("\n".join(errors) + "\n")
        sys.exit(1)
    return results, seconds


def report(name, nthreads, size, ops, seconds, problem):
    """Prints the RESULT line; exits 1 when problem is a message."""
    print("RESULT workload=%s threads=%d size=%d ops=%d seconds=%.6f check=%s"
          % (name, nthreads, size, ops, seconds, "wrong" if problem else "ok"))
    if problem:
        sys.stderr.write("%s: wrong result: %s\n" % (name, problem))
        sys.exit(1)


def main(name, default_size, work, check, ops_per_thread=None):
    """The whole life of a workload.

    work(tid, size, nthreads) -> that thread's result.
    check(results, size, nthreads) -> None when right, else a message.
    ops_per_thread(size) -> units of work one thread did (default size).
    """
    nthreads, size = parse_args(name, default_size)
    results, seconds = run_threads(
        nthreads, lambda tid: work(tid, size, nthreads))
    problem = check(results, size, nthreads)
    ops = (ops_per_thread(size) if ops_per_thread else size) * nthreads
    report(name, nthreads, size, ops, seconds, problem)


def expect_each(results, want_fn):
    """A check for workloads whose thread tid must return want_fn(tid)."""
    for tid, got in enumerate(results):
        want = want_fn(tid)
        if got != want:
            return "thread %d returned %r, expected %r" % (tid, got, want)
    return None
