#!/usr/bin/env python3
"""probe_cli.py: run the `elide` binary's probe options and check them.

usage: probe_cli.py ELIDE {text|json|usage|valgrind}
  text      `elide --probe`: exit 0, every section, in order, and a mode
  json      `elide --probe [--fast] --json`: exit 0, valid JSON with the
            expected keys, a verdict consistent with the facts (and on an AMD
            CPU: fine, XBEGIN never run); --fast without the topology
  usage     bad probe options: exit 2 with one message on stderr
  valgrind  `valgrind elide --probe --json`: exit 0, no valgrind error,
            mode fine (exit 77 = skipped when valgrind is not installed)
"""
import json
import shutil
import subprocess
import sys

SECTIONS = ["CPU", "TSX", "kernel", "self-test", "topology", "verdict", "reasons", "advice"]
KEYS = ["cpu", "tsx", "kernel", "selftest", "topology", "mode", "reasons", "advice", "cost_us"]


def fail(msg):
    print("FAIL: " + msg, file=sys.stderr)
    sys.exit(1)


def run(cmd, timeout=120):
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def check_text(elide):
    rc, out, err = run([elide, "--probe"])
    if rc != 0:
        fail(f"elide --probe exited {rc}: {err}")
    heads = [line for line in out.splitlines() if line and not line.startswith(" ")]
    pos = 0
    for s in SECTIONS:
        hit = [i for i, h in enumerate(heads) if h.startswith(s) and i >= pos]
        if not hit:
            fail(f"section {s!r} missing or out of order in:\n{out}")
        pos = hit[0]
    mode = [line.split()[-1] for line in out.splitlines() if line.strip().startswith("mode ")]
    if mode not in (["rtm"], ["fine"]):
        fail(f"no single mode line: {mode}")


def check_report(rep):
    if list(rep) != KEYS:
        fail(f"keys {list(rep)} != {KEYS}")
    tsx, st = rep["tsx"], rep["selftest"]
    if rep["mode"] not in ("rtm", "fine"):
        fail(f"mode {rep['mode']!r}")
    if not rep["reasons"] or not rep["advice"]:
        fail("empty reasons or advice")
    if not all(isinstance(s, str) and s for s in rep["reasons"] + rep["advice"]):
        fail("reasons and advice must be non-empty strings")
    if not tsx["xbegin_executes"] and st["ran"]:
        fail("the self-test ran although XBEGIN may fault")
    if rep["mode"] == "rtm" and not (tsx["rtm"] and not tsx["rtm_always_abort"]
                                     and st["commits"] > 0):
        fail("mode rtm without RTM, or always-abort, or commits")
    if st["ran"] and st["commits"] + st["aborts"] != st["tries"]:
        fail("self-test counts do not add up")
    if rep["cpu"]["vendor"] == "AuthenticAMD":
        if rep["mode"] != "fine" or tsx["xbegin_executes"] or st["ran"]:
            fail("an AMD CPU must get mode fine with XBEGIN never run")


def check_json(elide):
    rc, out, err = run([elide, "--probe", "--json"])
    if rc != 0:
        fail(f"elide --probe --json exited {rc}: {err}")
    rep = json.loads(out)
    check_report(rep)
    topo = rep["topology"]
    if topo is None or topo["pus"] < 1 or topo["cores"] < 1:
        fail(f"topology missing from the full probe: {topo}")
    rc, out, err = run([elide, "--probe", "--fast", "--json"])
    if rc != 0:
        fail(f"elide --probe --fast --json exited {rc}: {err}")
    fast = json.loads(out)
    check_report(fast)
    if fast["topology"] is not None or fast["cost_us"]["topology"] != 0:
        fail("the fast probe loaded the topology")
    if fast["mode"] != rep["mode"]:
        fail("the fast and the full probe disagree on the mode")


def check_usage(elide):
    for args in (["--json"], ["--fast"], ["--probe", "--bogus"], ["--probe", "extra"]):
        rc, out, err = run([elide] + args)
        if rc != 2 or not err.strip() or out:
            fail(f"elide {' '.join(args)}: exit {rc}, stdout {out!r}, stderr {err!r}")


def check_valgrind(elide):
    vg = shutil.which("valgrind")
    if not vg:
        print("valgrind not installed: skipped")
        sys.exit(77)
    rc, out, err = run([vg, "-q", "--error-exitcode=99", elide, "--probe", "--json"], 600)
    if rc != 0:
        fail(f"valgrind elide --probe exited {rc}:\n{err}")
    rep = json.loads(out)
    check_report(rep)
    if rep["mode"] != "fine":
        fail(f"mode under valgrind is {rep['mode']!r}, not fine")
    if rep["selftest"]["commits"] != 0:
        fail("a transaction committed under valgrind")


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("text", "json", "usage", "valgrind"):
        print(__doc__, file=sys.stderr)
        return 2
    elide, what = sys.argv[1], sys.argv[2]
    {"text": check_text, "json": check_json, "usage": check_usage,
     "valgrind": check_valgrind}[what](elide)
    print(f"probe_cli {what}: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
