#!/usr/bin/env python3
"""--mode= and ELIDE_MODE of the elide program: gil runs, the modes not yet
implemented (fine, rtm, emu, hle, and auto, which resolves to one of them)
are refused with one message and exit status 2, unknown names likewise.

usage: test_mode_cli.py ELIDE
"""
import os
import subprocess
import sys
import unittest

ELIDE = None


def run(args, env_mode=None):
    env = dict(os.environ)
    env.pop("ELIDE_MODE", None)
    if env_mode is not None:
        env["ELIDE_MODE"] = env_mode
    p = subprocess.run([ELIDE] + args + ["-c", "print(6 * 7)"], env=env,
                       capture_output=True, text=True, timeout=30)
    return p.returncode, p.stdout, p.stderr


class ModeCli(unittest.TestCase):
    def assert_runs(self, args, env_mode=None):
        rc, out, err = run(args, env_mode)
        self.assertEqual((rc, out, err), (0, "42\n", ""))

    def assert_refused(self, args, env_mode=None, words=()):
        rc, out, err = run(args, env_mode)
        self.assertEqual(rc, 2)
        self.assertEqual(out, "")
        self.assertEqual(len(err.splitlines()), 1, err)
        for w in words:
            self.assertIn(w, err)

    def test_gil_and_default(self):
        self.assert_runs([])
        self.assert_runs(["--mode=gil"])
        self.assert_runs(["--mode", "gil"])
        self.assert_runs([], env_mode="gil")
        self.assert_runs([], env_mode="")

    def test_option_beats_environment(self):
        self.assert_runs(["--mode=gil"], env_mode="fine")
        self.assert_refused(["--mode=fine"], env_mode="gil", words=["'fine'"])

    def test_not_implemented_yet(self):
        for m in ("fine", "rtm", "emu", "hle"):
            self.assert_refused(["--mode=" + m], words=["'%s'" % m, "not implemented"])
            self.assert_refused([], env_mode=m, words=["'%s'" % m, "not implemented"])

    def test_auto_names_the_probe_verdict(self):
        # the verdict is fine or rtm depending on the CPU; neither runs yet
        rc, out, err = run(["--mode=auto"])
        self.assertEqual(rc, 2)
        self.assertTrue("chose 'fine'" in err or "chose 'rtm'" in err, err)

    def test_unknown(self):
        self.assert_refused(["--mode=bogus"], words=["unknown mode 'bogus'", "--mode"])
        self.assert_refused(["--mode="], words=["unknown mode ''"])
        self.assert_refused([], env_mode="GIL", words=["unknown mode 'GIL'", "ELIDE_MODE"])


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_mode_cli.py ELIDE")
    ELIDE = sys.argv.pop(1)
    unittest.main()
