#!/usr/bin/env python3
"""Unit tests of bench/suite: statistics, result judging, elide statistics
arithmetic, thread counts, the time plan and the progress display."""
import importlib.machinery
import importlib.util
import io
import os
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from suite import measure, report  # noqa: E402
from suite import workloads as wl  # noqa: E402
from suite.progress import Progress  # noqa: E402


def load_run():
    """bench/run as a module (it has no .py suffix)."""
    path = os.path.join(ROOT, "bench", "run")
    loader = importlib.machinery.SourceFileLoader("bench_run", path)
    spec = importlib.util.spec_from_loader("bench_run", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


RUN = load_run()


class Stats(unittest.TestCase):
    def test_median_spread(self):
        self.assertEqual(measure.median([3, 1, 2]), 2)
        self.assertEqual(measure.median([4, 1, 2, 3]), 2.5)
        self.assertAlmostEqual(measure.spread([1.0, 1.1, 0.9]), 0.2)
        self.assertEqual(measure.spread([2.0]), 0.0)


class Judge(unittest.TestCase):
    LINE = "RESULT workload=x threads=2 size=5 ops=10 seconds=0.5 check=%s\n"

    def test_ok(self):
        self.assertEqual(wl.judge(0, "noise\n" + self.LINE % "ok", ""), (10, 0.5, None))

    def test_wrong_check_even_with_exit_0(self):
        ops, secs, why = wl.judge(0, self.LINE % "wrong", "x: wrong result: 3 != 4\n")
        self.assertIsNone(ops)
        self.assertIn("check=wrong", why)
        self.assertIn("3 != 4", why)

    def test_exit_status(self):
        self.assertIn("exit status 1", wl.judge(1, self.LINE % "ok", "boom")[2])

    def test_missing_or_malformed(self):
        self.assertIn("no RESULT", wl.judge(0, "hello\n", "")[2])
        self.assertIn("numeric", wl.judge(0, "RESULT ops=a seconds=1 check=ok", "")[2])
        self.assertIn("not positive", wl.judge(0, "RESULT ops=0 seconds=1 check=ok", "")[2])
        self.assertIn("without check=ok", wl.judge(0, "RESULT ops=1 seconds=1", "")[2])


class ElideStats(unittest.TestCase):
    def test_sum_and_ratios(self):
        a = {"mode": "emu", "regions": 100, "tx_started": 80, "tx_committed": 60,
             "aborts": {"conflict": 10, "capacity": 5, "explicit": {"GIL_BUSY": 3, "OBJ_BUSY": 2}},
             "fallbacks": 4, "flag": True}
        total = measure.sum_stats([a, a])
        self.assertEqual(total["mode"], "emu")
        self.assertEqual(total["tx_started"], 160)
        self.assertEqual(total["aborts"]["explicit"]["GIL_BUSY"], 6)
        self.assertIs(total["flag"], True)
        rec = {"commit_ratio": None, "fallback_ratio": None, "abort_rates": None}
        measure.derive_ratios(rec, total)
        self.assertAlmostEqual(rec["commit_ratio"], 0.75)
        self.assertAlmostEqual(rec["fallback_ratio"], 0.04)
        self.assertAlmostEqual(rec["abort_rates"]["conflict"], 0.125)
        self.assertAlmostEqual(rec["abort_rates"]["explicit:OBJ_BUSY"], 0.025)

    def test_no_transactions(self):
        rec = {"commit_ratio": None, "fallback_ratio": None, "abort_rates": None}
        measure.derive_ratios(rec, {"regions": 0, "tx_started": 0, "aborts": {}})
        self.assertEqual(rec, {"commit_ratio": None, "fallback_ratio": None,
                               "abort_rates": None})

    def test_speedups(self):
        recs = [{"workload": "w", "target": "t", "threads": n, "throughput": thr,
                 "speedup": None, "efficiency": None}
                for n, thr in ((1, 10.0), (2, 15.0), (4, None))]
        measure.add_speedups(recs)
        self.assertEqual([r["speedup"] for r in recs], [1.0, 1.5, None])
        self.assertEqual(recs[1]["efficiency"], 0.75)


class Planning(unittest.TestCase):
    def test_default_threads(self):
        self.assertEqual(RUN.default_threads(2), [1, 2, 4])
        self.assertEqual(RUN.default_threads(3), [1, 2, 4, 6])
        self.assertEqual(RUN.default_threads(1), [1, 2])

    def test_compare_threads(self):
        recs = [{"threads": t} for t in (1, 2, 4)]
        self.assertEqual(report.compare_threads(recs, 2), 2)
        self.assertEqual(report.compare_threads(recs, 3), 2)
        self.assertEqual(report.compare_threads([{"threads": 4}], 2), 4)

    def test_plan_fits_budget(self):
        o = RUN.parse_args(["--threads", "1,2,4", "--reps", "5", "--budget", "1500"])
        t = RUN.plan_target(o, n_pairs=140, startup=0.03)
        self.assertLessEqual(140 * 5 * (7 * t + 0.03), 1500 * RUN.PLAN_FRACTION + 1e-6)
        q = RUN.parse_args(["--quick"])
        self.assertLessEqual(RUN.plan_target(q, 1, 0.03), RUN.MAX_TARGET["quick"])
        self.assertEqual(q.threads, [t for t in RUN.default_threads(RUN.cores())
                                     if t <= RUN.cores()] or [1])


class Replan(unittest.TestCase):
    def plan(self):
        o = RUN.parse_args(["--threads", "1,2", "--reps", "2", "--target", "0.5"])
        return o, RUN.Plan(o, pairs=10, startup=0.0)

    def test_on_schedule_keeps_the_target(self):
        o, plan = self.plan()
        prog = Progress(100.0, stream=io.StringIO(), tty=False)
        plan.replan(prog, time_left=1000.0)
        self.assertEqual(o.target, 0.5)
        self.assertEqual(plan.pairs_left, 9)

    def test_behind_lowers_the_target(self):
        o, plan = self.plan()
        prog = Progress(100.0, stream=io.StringIO(), tty=False)
        prog.done = 10.0
        prog.start -= 40.0          # 4 s taken per planned second
        plan.replan(prog, time_left=30.0)
        # 10 pairs x 2 reps x (1 + 2) threads x target x pace 4 <= 0.85 x 30
        self.assertAlmostEqual(o.target, 0.85 * 30 / (4 * 10 * 2 * 3), places=2)
        self.assertGreaterEqual(o.target, RUN.MIN_TARGET)
        self.assertEqual(o.reps, 2)

    def test_far_behind_takes_fewer_repetitions(self):
        o = RUN.parse_args(["--threads", "1,2", "--reps", "5", "--target", "0.5"])
        plan = RUN.Plan(o, pairs=10, startup=0.1)
        prog = Progress(100.0, stream=io.StringIO(), tty=False)
        prog.done = 10.0
        prog.start -= 40.0          # 4 s taken per planned second
        plan.replan(prog, time_left=40.0)
        self.assertEqual(o.target, RUN.MIN_TARGET)
        # one repetition of the 10 pairs: 4 x 10 x (3 x 0.02 + 2 x 0.1) = 10.4 s,
        # so 0.85 x 40 s holds 3 of them (never fewer than MIN_REPS)
        self.assertEqual(o.reps, 3)
        plan.replan(prog, time_left=1000.0)  # back on schedule: all of them
        self.assertEqual(o.reps, 5)


class SlowPoints(unittest.TestCase):
    """A point whose first run takes far longer than planned gets fewer runs."""

    def measurer(self, seconds):
        o = RUN.parse_args(["--threads", "1,4", "--reps", "5", "--target", "0.5"])
        m = measure.Measurer(o, tmpdir=None)
        calls = []

        def run_once(target, workload, threads, size):
            r = measure.Run()
            r.ops, r.seconds, r.wall = 100, seconds[len(calls) % len(seconds)], 1.0
            calls.append(threads)
            return r
        m.run_once = run_once
        return m, calls

    def test_on_plan_takes_every_repetition(self):
        m, calls = self.measurer([1.9])            # 4 threads x 0.5 s planned
        runs, bad = m.repeat(None, None, 4, 10)
        self.assertIsNone(bad)
        self.assertEqual(len(runs), 5)

    def test_slow_takes_three_and_no_rerun(self):
        m, calls = self.measurer([9.0, 20.0])     # > 4 x (4 x 0.5 s), noisy
        w = wl.Workload.__new__(wl.Workload)
        w.name, w.kind, w.unit = "btree", "program", "ops"
        target = type("T", (), {"label": "cpython", "is_elide": False, "mode": None})()
        rec = m.point(target, w, 4, 10, lambda: True)
        self.assertEqual(len(calls), measure.SLOW_REPS)
        self.assertEqual(rec["attempts"], 1)
        self.assertEqual(rec["status"], "noisy")


class ProgressDisplay(unittest.TestCase):
    def test_plain_lines_when_not_a_tty(self):
        out = io.StringIO()
        p = Progress(10.0, stream=out, tty=False)
        p.show("w / cpython / 1 threads")
        p.finished(5.0, "line one")
        self.assertEqual(out.getvalue(), "line one\n")

    def test_bar_on_a_tty(self):
        out = io.StringIO()
        p = Progress(10.0, stream=out, tty=True)
        p.finished(5.0, "done one")
        p.show("counter / elide-fine / 2 threads")
        text = out.getvalue()
        self.assertIn("[##############..............]  50%", text)
        self.assertIn("ETA", text)
        self.assertIn("counter / elide-fine / 2 threads", text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
