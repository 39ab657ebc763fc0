#!/usr/bin/env python3
"""Every workload in bench/workloads runs under python3 (CPython 3.11) with
1 and 3 threads at a small size, prints one RESULT line with check=ok and
the right ops count, and refuses bad arguments with exit status 2."""
import os
import re
import subprocess
import sys
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "bench"))
from suite import workloads as wl  # noqa: E402

WORKLOADS = wl.discover(os.path.join(ROOT, "bench", "workloads"))
ALLOWED_IMPORTS = {"threading", "queue", "time", "random", "math", "sys",
                   "itertools", "collections", "_wl"}


def run(w, *args):
    return subprocess.run([sys.executable, w.path] + [str(a) for a in args],
                          capture_output=True, text=True, timeout=120,
                          cwd=os.path.dirname(w.path))


class Workloads(unittest.TestCase):
    def test_there_are_all_of_them(self):
        names = {w.name for w in WORKLOADS}
        for n in ("call_function", "call_method", "create_objects", "create_closures",
                  "build_dicts", "build_lists", "float_mul", "generator",
                  "thread_local", "shared_constant", "module_function", "richards",
                  "raytrace", "perlin", "skiplist", "btree", "worms", "pipeline",
                  "counter", "token_ring"):
            self.assertIn(n, names)

    def test_run_and_check(self):
        for w in WORKLOADS:
            for threads in (1, 3):
                with self.subTest(workload=w.name, threads=threads):
                    size = max(1, w.calibrate // 4)
                    p = run(w, threads, size)
                    self.assertEqual(p.returncode, 0, p.stderr)
                    f = wl.parse_result(p.stdout)
                    self.assertEqual(f["check"], "ok")
                    self.assertEqual(f["workload"], w.name)
                    self.assertEqual(int(f["threads"]), threads)
                    self.assertEqual(int(f["ops"]), threads * size)
                    ops, secs, problem = wl.judge(p.returncode, p.stdout, p.stderr)
                    self.assertIsNone(problem)

    def test_bad_arguments(self):
        for w in WORKLOADS:
            for args in (["0"], ["two"], ["1", "-5"], ["1", "2", "3"]):
                with self.subTest(workload=w.name, args=args):
                    p = run(w, *args)
                    self.assertEqual(p.returncode, 2, p.stdout + p.stderr)
                    self.assertIn("usage:", p.stderr)

    def test_header_and_imports(self):
        for w in WORKLOADS:
            with self.subTest(workload=w.name):
                self.assertIn(w.kind, ("micro", "program"))
                self.assertTrue(w.about)
                with open(w.path, encoding="utf-8") as f:
                    text = f.read()
                mods = set(re.findall(r"^import (\w+)", text, re.M))
                mods |= set(re.findall(r"^from (\w+) import", text, re.M))
                self.assertTrue(mods <= ALLOWED_IMPORTS, mods - ALLOWED_IMPORTS)


if __name__ == "__main__":
    unittest.main(verbosity=2)
