"""Workload discovery and the RESULT line.

A workload is bench/workloads/NAME.py (names starting with '_' are helper
modules). Its leading comment lines state, for the runner:

    # kind: micro | program     which table it belongs to
    # calibrate: N              a SIZE that runs briefly under CPython; the
                                runner scales it to the per-run target time
    # unit: WORD                what one unit of SIZE is (calls, runs, ...)

The docstring's first sentence describes it in the summary.
"""
import os
import re

RESULT_RE = re.compile(r"^RESULT\s+(.*)$")


class Workload:
    def __init__(self, path):
        self.path = path
        self.name = os.path.basename(path)[:-3]
        self.kind = "program"
        self.calibrate = 100
        self.unit = "ops"
        self.about = ""
        self._read_header()

    def _read_header(self):
        with open(self.path, encoding="utf-8") as f:
            text = f.read()
        for line in text.splitlines():
            if not line.startswith("#"):
                break
            key, _, val = line[1:].partition(":")
            key, val = key.strip(), val.strip()
            if key == "kind":
                self.kind = val
            elif key == "calibrate" and val.isdigit() and int(val) > 0:
                self.calibrate = int(val)
            elif key == "unit":
                self.unit = val
        m = re.search(r'"""(.*?)(\.\s|""")', text, re.S)
        if m:
            self.about = " ".join(m.group(1).split()).rstrip(".") + "."


def discover(directory):
    """Every workload in directory, sorted: micro first, then programs."""
    found = []
    for f in sorted(os.listdir(directory)):
        if f.endswith(".py") and not f.startswith("_"):
            found.append(Workload(os.path.join(directory, f)))
    found.sort(key=lambda w: (w.kind != "micro", w.name))
    return found


def select(all_workloads, wanted):
    """The workloads named in wanted (a list), or an error message."""
    if not wanted:
        return all_workloads, None
    by_name = {w.name: w for w in all_workloads}
    unknown = [n for n in wanted if n not in by_name]
    if unknown:
        return None, "unknown workload(s): %s (known: %s)" % (
            ", ".join(unknown), ", ".join(sorted(by_name)))
    return [by_name[n] for n in wanted], None


def parse_result(stdout):
    """The fields of the last RESULT line as a dict, or None."""
    fields = None
    for line in stdout.splitlines():
        m = RESULT_RE.match(line.strip())
        if m:
            fields = {}
            for word in m.group(1).split():
                k, _, v = word.partition("=")
                fields[k] = v
    return fields


def judge(returncode, stdout, stderr):
    """(ops, seconds, None) for a right result, else (None, None, reason)."""
    fields = parse_result(stdout)
    last_err = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    if fields is not None and fields.get("check") not in (None, "ok"):
        return None, None, "wrong result (check=%s)%s" % (
            fields.get("check"), (": " + last_err) if last_err else "")
    if returncode != 0:
        return None, None, "exit status %d%s" % (
            returncode, (": " + last_err) if last_err else "")
    if fields is None:
        return None, None, "no RESULT line in the output"
    if fields.get("check") != "ok":
        return None, None, "RESULT line without check=ok"
    try:
        ops = int(fields["ops"])
        seconds = float(fields["seconds"])
    except (KeyError, ValueError):
        return None, None, "RESULT line without numeric ops= and seconds="
    if ops <= 0 or seconds <= 0:
        return None, None, "RESULT line with ops or seconds not positive"
    return ops, seconds, None
