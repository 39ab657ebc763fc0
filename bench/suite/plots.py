"""Plots with gnuplot: a data file per plot under plots/data/, a script
from templates/<kind>.gp (after templates/common.gp), run once for PNG and
once for SVG. A plot with nothing to show is skipped with a note."""
import os
import shutil
import subprocess

from . import report

HERE = os.path.dirname(os.path.abspath(__file__))
TEMPLATES = os.path.join(HERE, "templates")
# Abort statistics that are flags on an abort rather than its cause (RTM's
# retry bit is set on conflict aborts too): stacking them would count those
# aborts twice, so the abort plots leave them out (the tables keep them).
FLAGS = ("retry",)
TERMS = {
    "png": "pngcairo size 1000,600 font 'sans,10'",
    "svg": "svg size 1000,600 dynamic font 'sans,10'",
}


def _val(x):
    return "?" if x is None else "%.6g" % x


def _template(kind):
    with open(os.path.join(TEMPLATES, "common.gp"), encoding="utf-8") as f:
        text = f.read()
    with open(os.path.join(TEMPLATES, kind + ".gp"), encoding="utf-8") as f:
        return text + f.read()


class Plotter:
    def __init__(self, out_dir):
        self.dir = os.path.join(out_dir, "plots")
        self.data = os.path.join(self.dir, "data")
        self.made = []      # (title, relative png path)
        self.notes = []

    def _write_data(self, name, header, rows):
        path = os.path.join(self.data, name + ".dat")
        with open(path, "w", encoding="utf-8") as f:
            f.write(" ".join('"%s"' % h for h in header) + "\n")
            for row in rows:
                f.write(" ".join(['"%s"' % row[0] if isinstance(row[0], str)
                                  else str(row[0])] + [_val(v) for v in row[1:]]) + "\n")
        return path

    def _draw(self, kind, name, title, data, ncols, extra=None):
        subst = {"TITLE": title.replace("'", ""), "DATA": data, "NCOLS": str(ncols)}
        subst.update(extra or {})
        for ext, term in TERMS.items():
            text = _template(kind)
            subst.update(TERM=term, OUT=os.path.join(self.dir, name + "." + ext))
            for k, v in subst.items():
                text = text.replace("@%s@" % k, v)
            gp = os.path.join(self.data, "%s.%s.gp" % (name, ext))
            with open(gp, "w", encoding="utf-8") as f:
                f.write(text)
            p = subprocess.run(["gnuplot", gp], capture_output=True, text=True)
            if p.returncode != 0:
                self.notes.append("plot %s failed: %s" % (name, p.stderr.strip()[:200]))
                return
        self.made.append((title, "plots/%s.png" % name))

    def throughput(self, records, workloads, labels):
        for w in workloads:
            rs = [r for r in records if r["workload"] == w.name and r["throughput"]]
            if not rs:
                continue
            threads = sorted({r["threads"] for r in records if r["workload"] == w.name})
            by = {(r["target"], r["threads"]): r["throughput"] for r in rs}
            rows = [[t] + [by.get((lab, t)) for lab in labels] for t in threads]
            data = self._write_data("throughput-" + w.name, ["threads"] + labels, rows)
            self._draw("throughput", "throughput-" + w.name,
                       "%s: throughput against threads" % w.name, data, len(labels) + 1,
                       {"UNIT": w.unit, "XTICS": ", ".join(str(t) for t in threads)})

    def efficiency(self, records, workloads, labels, t):
        by = report.at_threads(records, t)
        rows = [[w.name] + [(by.get((w.name, lab)) or {}).get("efficiency") for lab in labels]
                for w in workloads]
        if t == 1 or not any(v is not None for row in rows for v in row[1:]):
            self.notes.append("efficiency plot skipped: no run above 1 thread")
            return
        data = self._write_data("efficiency", ["workload"] + labels, rows)
        self._draw("efficiency", "efficiency",
                   "scaling efficiency at %d threads" % t, data, len(labels) + 1)

    def aborts(self, records, workloads, labels, t):
        drew = False
        for lab in labels:
            rs = {r["workload"]: r for r in records
                  if r["target"] == lab and r["threads"] == t and r["abort_rates"]}
            if not rs:
                continue
            causes = sorted({c for r in rs.values() for c in r["abort_rates"]
                             if c not in FLAGS})
            rows = [[w.name] + [rs[w.name]["abort_rates"].get(c, 0.0) for c in causes]
                    for w in workloads if w.name in rs]
            data = self._write_data("aborts-" + lab, ["workload"] + causes, rows)
            self._draw("aborts", "aborts-" + lab,
                       "%s: aborts by cause at %d threads (retry flag not stacked)" % (lab, t), data, len(causes) + 1)
            drew = True
        if not drew:
            self.notes.append("abort plots skipped: no run reported transactions "
                              "and aborts (elide statistics)")

    def vs_cpython(self, records, workloads, labels, t):
        elide = [lab for lab in labels if lab != "cpython"]
        by = report.at_threads(records, t)
        rows = []
        for w in workloads:
            base = (by.get((w.name, "cpython")) or {}).get("throughput")
            row = [w.name]
            for lab in elide:
                thr = (by.get((w.name, lab)) or {}).get("throughput")
                row.append(thr / base if thr and base else None)
            rows.append(row)
        if not elide or not any(v is not None for row in rows for v in row[1:]):
            self.notes.append("elide-vs-CPython plot skipped: needs cpython and "
                              "at least one elide mode")
            return
        data = self._write_data("vs_cpython", ["workload"] + elide, rows)
        self._draw("vs_cpython", "vs_cpython",
                   "elide against CPython at %d threads" % t, data, len(elide) + 1)


def draw_all(out_dir, records, workloads, cores):
    """Returns (plots made as (title, png path), notes)."""
    if not shutil.which("gnuplot"):
        return [], ["no plots: gnuplot is not installed (Debian: gnuplot-nox)"]
    p = Plotter(out_dir)
    os.makedirs(p.data, exist_ok=True)
    labels = report.labels_of(records)
    t = report.compare_threads(records, cores)
    p.throughput(records, workloads, labels)
    p.efficiency(records, workloads, labels, t)
    p.vs_cpython(records, workloads, labels, t)
    p.aborts(records, workloads, labels, t)
    return p.made, p.notes
