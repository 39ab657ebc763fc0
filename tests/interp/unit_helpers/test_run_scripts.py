#!/usr/bin/env python3
"""test_run_scripts.py: checks that tests/interp/run_scripts.py passes a
matching run and catches each kind of mismatch, on a throw-away corpus with
a stand-in "elide" (a shell script around python3 that misbehaves on
purpose for some scripts). Run by ctest as corpus_runner_test.
"""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
RUNNER = os.path.join(os.path.dirname(HERE), "run_scripts.py")

CORPUS = {
    "a/ok.py": 'print("hello")\n',
    "a/ok.out": "hello\n",
    "a/inline.py": '# expect: 3\nprint(1 + 2)\n',
    "a/args.py": '# args: x "y z"\nimport sys\nprint(sys.argv[1:])\n',
    "a/args.out": "['x', 'y z']\n",
    "a/stdin.py": "print(input()[::-1])\n",
    "a/stdin.in": "abc\n",
    "a/stdin.out": "cba\n",
    "a/helper_mod.py": "# helper module\nVALUE = 7\n",
    "a/uses_helper.py": "import helper_mod\nprint(helper_mod.VALUE)\n",
    "a/uses_helper.out": "7\n",
    "b/crash.py": '# exit: 1\nprint("before")\nraise KeyError("k")\n',
    "b/crash.out": "before\n",
    "b/crash.err": "KeyError: 'k'\n",
    "b/syntax.py": "# exit: 1\n# stderr-contains: SyntaxError\ndef f(:\n",
    "b/syntax.out": "",
    "b/mangled.py": 'print("exact")\n',
    "b/mangled.out": "exact\n",
    "elide_only/special.py": 'print("elide says")\n',
    "elide_only/special.out": "elide says\n",
}

# The stand-in misbehaves only for scripts named mangled.py.
FAKE = """#!/bin/sh
case "$1" in --mode=*) shift;; esac
case "$1" in
  *mangled.py) python3 "$@" | sed 's/exact/inexact/';;
  *) exec python3 "$@";;
esac
"""


class RunnerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.root = os.path.join(self.tmp.name, "scripts")
        for rel, text in CORPUS.items():
            path = os.path.join(self.root, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w") as f:
                f.write(text)
        self.fake = os.path.join(self.tmp.name, "fake-elide")
        with open(self.fake, "w") as f:
            f.write(FAKE)
        os.chmod(self.fake, 0o755)

    def tearDown(self):
        self.tmp.cleanup()

    def run_runner(self, *args):
        p = subprocess.run([sys.executable, RUNNER, "--scripts", self.root] + list(args),
                           capture_output=True, text=True, timeout=120)
        return p.returncode, p.stdout

    def test_all_good_except_mangled(self):
        rc, out = self.run_runner("--elide", self.fake, "--mode", "gil")
        self.assertEqual(rc, 1)
        self.assertEqual(out.splitlines()[-1], "8 passed, 1 failed")
        self.assertIn("FAIL b/mangled.py: stdout differs", out)
        self.assertIn("+inexact", out)

    def test_filter_and_list_failures(self):
        rc, out = self.run_runner("--elide", self.fake, "--filter", "b/", "--list-failures")
        self.assertEqual(rc, 1)
        self.assertEqual(out.splitlines(), ["b/mangled.py", "2 passed, 1 failed"])
        rc, out = self.run_runner("--elide", self.fake, "--filter", "a/")
        self.assertEqual((rc, out.splitlines()[-1]), (0, "5 passed, 0 failed"))

    def test_wrong_traceback_and_exit(self):
        with open(os.path.join(self.root, "b/crash.err"), "w") as f:
            f.write("KeyError: 'other'\n")
        with open(os.path.join(self.root, "a/ok.py"), "w") as f:
            f.write('print("hello")\nraise SystemExit(3)\n')
        rc, out = self.run_runner("--elide", self.fake, "--filter", "ok")
        self.assertIn("exit status 3, expected 0", out)
        rc, out = self.run_runner("--elide", self.fake, "--filter", "crash")
        self.assertIn("stderr last line \"KeyError: 'k'\", expected \"KeyError: 'other'\"", out)
        self.assertEqual(rc, 1)

    def test_differential_and_self_check(self):
        rc, out = self.run_runner("--elide", self.fake, "--differential", "--filter", "mangled")
        self.assertIn("stdout differs from python3", out)
        rc, out = self.run_runner("--self-check")
        self.assertEqual(out.splitlines()[-1], "8 passed, 0 failed")  # elide_only skipped

    def test_update_regenerates_from_python(self):
        os.remove(os.path.join(self.root, "a/ok.out"))
        os.remove(os.path.join(self.root, "b/crash.err"))
        rc, out = self.run_runner("--update")
        self.assertEqual(rc, 0)
        with open(os.path.join(self.root, "a/ok.out")) as f:
            self.assertEqual(f.read(), "hello\n")
        with open(os.path.join(self.root, "b/crash.err")) as f:
            self.assertEqual(f.read(), "KeyError: 'k'\n")
        self.assertFalse(os.path.exists(os.path.join(self.root, "b/syntax.err")))

    def test_missing_expectation_and_timeout(self):
        with open(os.path.join(self.root, "a/noexp.py"), "w") as f:
            f.write("print(1)\n")
        with open(os.path.join(self.root, "a/slow.py"), "w") as f:
            f.write("# timeout: 1\nimport time\ntime.sleep(5)\n# expect: never\n")
        rc, out = self.run_runner("--elide", self.fake, "--filter", "a/")
        self.assertIn("FAIL a/noexp.py: no expected output", out)
        self.assertIn("FAIL a/slow.py: timed out", out)

    def test_repeat(self):
        rc, out = self.run_runner("--elide", self.fake, "--filter", "a/", "--repeat", "2")
        self.assertEqual((rc, out.splitlines()[-1]), (0, "5 passed, 0 failed"))
        rc, out = self.run_runner("--elide", self.fake, "--filter", "mangled", "--repeat", "3")
        self.assertIn("FAIL b/mangled.py: run 1 of 3: stdout differs", out)

    def test_usage_errors(self):
        for args in ([], ["--elide", "/nonexistent/elide"], ["--update", "--self-check"],
                     ["--self-check", "--repeat", "0"]):
            rc, _ = self.run_runner(*args)
            self.assertEqual(rc, 2, args)


if __name__ == "__main__":
    unittest.main()
