#!/usr/bin/env python3
"""--mode=, ELIDE_MODE and --stats of the elide program.

Every mode runs the same program to the same output, or, where this machine
or this build cannot run it (rtm on a CPU that cannot execute XBEGIN, emu
in a sanitizer build without elide-emu), is refused with one message and
exit status 2. The default is auto, which runs the probe's verdict.
Unknown names and bad --stats formats get one message and exit status 2.
The statistics go to stderr (stdout stays the program's) or to
ELIDE_STATS_FILE, as text or JSON.

usage: test_mode_cli.py ELIDE
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest

ELIDE = None
PROGRAM = "import elide; print(6 * 7, elide.mode())"


def run(args, env_mode=None, code=PROGRAM, extra_env=None):
    env = dict(os.environ)
    for k in ("ELIDE_MODE", "ELIDE_STATS", "ELIDE_STATS_FILE"):
        env.pop(k, None)
    if env_mode is not None:
        env["ELIDE_MODE"] = env_mode
    env.update(extra_env or {})
    p = subprocess.run([ELIDE] + args + ["-c", code], env=env,
                       capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def probe_verdict():
    p = subprocess.run([ELIDE, "--probe", "--json", "--fast"], capture_output=True,
                       text=True, timeout=60)
    return json.loads(p.stdout)["mode"]


def emu_built():
    return os.path.exists(os.path.join(os.path.dirname(ELIDE), "elide-emu"))


class ModeCli(unittest.TestCase):
    def assert_runs(self, args, mode, env_mode=None):
        rc, out, err = run(args, env_mode)
        self.assertEqual((rc, out), (0, "42 %s\n" % mode), err)

    def assert_refused(self, args, env_mode=None, words=()):
        rc, out, err = run(args, env_mode)
        self.assertEqual(rc, 2, err)
        self.assertEqual(out, "")
        self.assertEqual(len(err.splitlines()), 1, err)
        for w in words:
            self.assertIn(w, err)

    def test_every_mode_runs_or_is_refused_cleanly(self):
        for m in ("gil", "fine", "hle", "rtm", "emu"):
            rc, out, err = run(["--mode=" + m])
            if rc == 0:
                self.assertEqual(out, "42 %s\n" % m)
                continue
            # only these two may be impossible here
            self.assertIn(m, ("rtm", "emu"), err)
            self.assertEqual((rc, out, len(err.splitlines())), (2, "", 1), err)
            if m == "emu":
                self.assertFalse(emu_built(), err)

    def test_emu_runs_where_built(self):
        if emu_built():
            self.assert_runs(["--mode=emu"], "emu")
            self.assert_runs([], "emu", env_mode="emu")

    def test_environment_and_option(self):
        self.assert_runs([], "fine", env_mode="fine")
        self.assert_runs(["--mode", "gil"], "gil")
        self.assert_runs(["--mode=gil"], "gil", env_mode="fine")
        self.assert_runs(["--mode=fine"], "fine", env_mode="gil")

    def test_default_is_the_probe_verdict(self):
        verdict = probe_verdict()
        self.assertIn(verdict, ("rtm", "fine"))
        self.assert_runs([], verdict)
        self.assert_runs([], verdict, env_mode="")
        self.assert_runs(["--mode=auto"], verdict)

    def test_unknown(self):
        self.assert_refused(["--mode=bogus"], words=["unknown mode 'bogus'", "--mode"])
        self.assert_refused(["--mode="], words=["unknown mode ''"])
        self.assert_refused([], env_mode="GIL", words=["unknown mode 'GIL'", "ELIDE_MODE"])

    def test_stats_text_on_stderr(self):
        for m in ("gil", "fine", "hle"):
            rc, out, err = run(["--mode=" + m, "--stats"])
            self.assertEqual((rc, out), (0, "42 %s\n" % m))
            self.assertTrue(err.startswith("elide stats: mode %s" % m), err)

    def test_stats_json_to_file(self):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.json")
            rc, out, err = run(["--mode=fine", "--stats=json"],
                               extra_env={"ELIDE_STATS_FILE": path})
            self.assertEqual((rc, out, err), (0, "42 fine\n", ""))
            with open(path) as f:
                s = json.load(f)
            self.assertEqual(s["mode"], "fine")
            for k in ("regions", "tx_started", "tx_committed", "fallbacks"):
                self.assertIsInstance(s[k], int)
            self.assertIn("conflict", s["aborts"])
            self.assertIn("contention", s)
            rc, out, err = run(["--mode=gil"], extra_env={"ELIDE_STATS": "json",
                                                          "ELIDE_STATS_FILE": path})
            self.assertEqual(rc, 0)
            with open(path) as f:
                self.assertEqual(json.load(f)["mode"], "gil")

    def test_emu_names_the_conflicting_object(self):
        """In emu, a conflict's source line names the kind of object on the
        conflicting line: two threads writing one shared instance's
        attribute conflict on its attribute dict."""
        if not emu_built():
            self.skipTest("no elide-emu in this build")
        code = ("import threading\n"
                "class Box:\n"
                "    pass\n"
                "B = Box()\n"
                "B.x = 0\n"
                "go = threading.Barrier(2)\n"
                "def w():\n"
                "    go.wait()\n"
                "    for i in range(20000):\n"
                "        B.x = i\n"
                "ts = [threading.Thread(target=w) for _ in range(2)]\n"
                "for t in ts: t.start()\n"
                "for t in ts: t.join()\n"
                "print(B.x)\n")
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "s.json")
            rc, out, err = run(["--mode=emu", "--stats=json"], code=code,
                               extra_env={"ELIDE_STATS_FILE": path})
            self.assertEqual((rc, out), (0, "19999\n"), err)
            with open(path) as f:
                s = json.load(f)
        self.assertGreater(s["aborts"]["conflict"], 0, s["aborts"])
        kinds = [l["kind"] for l in s["top_lines"] if l["by_cause"].get("conflict")]
        self.assertTrue(kinds, s["top_lines"])
        self.assertTrue(all(k for k in kinds), kinds)
        self.assertTrue(any("dict" in k.split(" | ") for k in kinds), kinds)

    def test_stats_bad_values(self):
        self.assert_refused(["--stats=xml"], words=["--stats", "xml"])
        rc, out, err = run([], extra_env={"ELIDE_STATS": "yes"})
        self.assertEqual((rc, out, len(err.splitlines())), (2, "", 1), err)
        self.assertIn("ELIDE_STATS", err)
        rc, out, err = run(["--stats"], extra_env={"ELIDE_STATS_FILE": "/nonexistent/dir/s"})
        self.assertEqual(rc, 0)  # the program ran; the statistics could not be written
        self.assertIn("cannot write the statistics", err)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_mode_cli.py ELIDE")
    ELIDE = sys.argv.pop(1)
    unittest.main()
