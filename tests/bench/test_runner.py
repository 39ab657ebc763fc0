#!/usr/bin/env python3
"""End-to-end tests of bench/run: a quick run under python3 on a tiny
workload set, wrong and crashing workloads rejected, elide modes and
statistics picked up (through fixtures/fake_elide), bad usage refused.
Every run writes into a fresh temporary directory."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
RUN = os.path.join(ROOT, "bench", "run")
FIXTURES = os.path.join(HERE, "fixtures")
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
RECORD_KEYS = {"workload", "target", "mode", "threads", "size", "status", "reason",
               "times", "time_median", "spread", "throughput", "speedup",
               "efficiency", "commit_ratio", "fallback_ratio", "abort_rates",
               "stats", "stats_raw", "perf"}


def run(args, timeout=120):
    out = tempfile.mkdtemp(prefix="bench-test-")
    p = subprocess.run([sys.executable, RUN, "--out", out] + args,
                       capture_output=True, text=True, timeout=timeout)
    return p, out


def load(out):
    with open(os.path.join(out, "results.json"), encoding="utf-8") as f:
        return json.load(f)


class QuickPython3(unittest.TestCase):
    """bench/run --quick on two real workloads, python3 only."""

    @classmethod
    def setUpClass(cls):
        cls.p, cls.out = run(["--quick", "--modes", "cpython", "--threads", "1,2",
                              "--workloads", "call_function,counter"])

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)

    def test_exit_status(self):
        self.assertEqual(self.p.returncode, 0, self.p.stderr + self.p.stdout)

    def test_json_records(self):
        data = load(self.out)
        recs = data["records"]
        self.assertEqual(sorted((r["workload"], r["threads"]) for r in recs),
                         [("call_function", 1), ("call_function", 2),
                          ("counter", 1), ("counter", 2)])
        for r in recs:
            self.assertTrue(RECORD_KEYS <= set(r), RECORD_KEYS - set(r))
            self.assertIn(r["status"], ("ok", "noisy"), r["reason"])
            self.assertEqual(r["target"], "cpython")
            self.assertEqual(len(r["times"]), 3)
            self.assertGreater(r["throughput"], 0)
            self.assertAlmostEqual(r["throughput"], r["ops"] / r["time_median"])
            self.assertIsNone(r["stats"])   # CPython has no elide statistics
        one = [r for r in recs if r["threads"] == 1]
        self.assertTrue(all(r["speedup"] == 1.0 for r in one))
        self.assertIn("notes", data["meta"])
        self.assertTrue(data["meta"]["command"].startswith("bench/run "))

    def test_markdown(self):
        with open(os.path.join(self.out, "summary.md"), encoding="utf-8") as f:
            md = f.read()
        self.assertIn("# elide measurement suite: results", md)
        self.assertIn("### call_function", md)
        self.assertIn("| threads | cpython |", md)
        self.assertIn("## Scaling efficiency at 2 threads", md)
        self.assertIn("perf", md)           # the perf note is always there

    @unittest.skipUnless(shutil.which("gnuplot"), "gnuplot not installed")
    def test_plots(self):
        for name in ("throughput-call_function", "throughput-counter", "efficiency"):
            for ext in ("png", "svg"):
                path = os.path.join(self.out, "plots", name + "." + ext)
                self.assertTrue(os.path.getsize(path) > 1000, path)
            with open(os.path.join(self.out, "plots", name + ".png"), "rb") as f:
                self.assertEqual(f.read(8), PNG_MAGIC)
        with open(os.path.join(self.out, "plots", "efficiency.svg"), encoding="utf-8") as f:
            self.assertIn("<svg", f.read())


    def test_report_only_redraws(self):
        summary = os.path.join(self.out, "summary.md")
        os.unlink(summary)
        p = subprocess.run([sys.executable, RUN, "--report-only", self.out],
                           capture_output=True, text=True, timeout=60)
        self.assertEqual(p.returncode, 0, p.stderr)
        with open(summary, encoding="utf-8") as f:
            self.assertIn("## Overview: throughput", f.read())
        self.assertEqual(len(load(self.out)["records"]), 4)


class Rejections(unittest.TestCase):
    """Wrong and crashing workloads are rejected, a right one is kept."""

    def test_wrong_result_rejected(self):
        p, out = run(["--workloads-dir", os.path.join(FIXTURES, "workloads"),
                      "--modes", "cpython", "--threads", "1,2", "--reps", "2",
                      "--target", "0.02", "--no-plots"])
        try:
            self.assertEqual(p.returncode, 1, p.stderr)
            by = {(r["workload"], r["threads"]): r for r in load(out)["records"]}
            for th in (1, 2):
                self.assertIn(by[("good", th)]["status"], ("ok", "noisy"))
                wrong = by[("wrong_check", th)]
                self.assertEqual(wrong["status"], "wrong")
                self.assertIn("check=wrong", wrong["reason"])
                self.assertIsNone(wrong["throughput"])
                self.assertEqual(wrong["times"], [])
                crash = by[("crash", th)]
                self.assertEqual(crash["status"], "failed")
                self.assertIn("RuntimeError", crash["reason"])
            with open(os.path.join(out, "summary.md"), encoding="utf-8") as f:
                md = f.read()
            self.assertIn("| wrong_check | cpython | 1 | wrong |", md)
            self.assertIn("rejected", p.stdout)
        finally:
            shutil.rmtree(out, ignore_errors=True)


class ElideModesAndStats(unittest.TestCase):
    """Modes elide lacks are skipped with a note; statistics are read."""

    @classmethod
    def setUpClass(cls):
        cls.p, cls.out = run(["--elide", os.path.join(FIXTURES, "fake_elide"),
                              "--modes", "cpython,gil,emu,hle,rtm",
                              "--workloads-dir", os.path.join(FIXTURES, "workloads"),
                              "--workloads", "good", "--threads", "1,2",
                              "--reps", "2", "--target", "0.02"])
        cls.data = load(cls.out)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.out, ignore_errors=True)

    def test_targets_and_skips(self):
        self.assertEqual(self.p.returncode, 0, self.p.stderr)
        meta = self.data["meta"]
        self.assertEqual(meta["targets"], ["cpython", "elide-gil", "elide-emu"])
        notes = " ".join(meta["notes"])
        self.assertIn("elide mode hle skipped", notes)
        self.assertIn("elide mode rtm skipped", notes)

    def test_stats(self):
        by = {(r["target"], r["threads"]): r for r in self.data["records"]}
        emu = by[("elide-emu", 2)]
        self.assertEqual(emu["stats"]["tx_started"], 2000)       # summed over 2 reps
        self.assertEqual(len(emu["stats_raw"]), 2)
        self.assertAlmostEqual(emu["commit_ratio"], 0.9)
        self.assertAlmostEqual(emu["fallback_ratio"], 0.02)
        self.assertAlmostEqual(emu["abort_rates"]["conflict"], 0.06)
        gil = by[("elide-gil", 1)]
        self.assertIsNotNone(gil["stats"])
        self.assertIsNone(gil["commit_ratio"])   # no transactions started
        self.assertIsNone(by[("cpython", 1)]["stats"])

    def test_markdown_sections(self):
        with open(os.path.join(self.out, "summary.md"), encoding="utf-8") as f:
            md = f.read()
        self.assertIn("## elide against CPython at 2 threads", md)
        self.assertIn("| good | elide-emu | 90.0% | 2.0% |", md)

    @unittest.skipUnless(shutil.which("gnuplot"), "gnuplot not installed")
    def test_abort_and_comparison_plots(self):
        for name in ("aborts-elide-emu", "vs_cpython"):
            with open(os.path.join(self.out, "plots", name + ".png"), "rb") as f:
                self.assertEqual(f.read(8), PNG_MAGIC)
        self.assertFalse(os.path.exists(os.path.join(self.out, "plots",
                                                     "aborts-elide-gil.png")))


class Usage(unittest.TestCase):
    def check_refused(self, args, text):
        p = subprocess.run([sys.executable, RUN] + args, capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(p.returncode, 2, p.stderr)
        self.assertIn(text, p.stderr)

    def test_bad_threads(self):
        self.check_refused(["--threads", "0"], "positive integers")

    def test_unknown_workload(self):
        self.check_refused(["--workloads", "nosuch"], "unknown workload(s): nosuch")

    def test_unknown_mode(self):
        self.check_refused(["--modes", "turbo"], "unknown mode(s): turbo")

    def test_no_elide(self):
        self.check_refused(["--modes", "fine", "--elide", "/nonexistent/elide"],
                           "nothing to run")


if __name__ == "__main__":
    unittest.main(verbosity=2)
