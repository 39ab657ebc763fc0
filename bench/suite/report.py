"""results.json (every record plus the run's metadata) and summary.md."""
import json
import os

ABORT_CAUSES_FIRST = ("conflict", "capacity", "explicit", "retry", "zero", "injected", "alias")


def write_json(path, meta, records):
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"meta": meta, "records": records}, f, indent=1, sort_keys=True)
        f.write("\n")


def _si(x):
    if x is None:
        return "-"
    for div, suf in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(x) >= div:
            return "%.3g%s" % (x / div, suf)
    return "%.3g" % x


def _pct(x):
    return "-" if x is None else "%.1f%%" % (100 * x)


def _ratio(x):
    return "-" if x is None else "%.2f" % x


def labels_of(records):
    seen = []
    for r in records:
        if r["target"] not in seen:
            seen.append(r["target"])
    return seen


def at_threads(records, threads):
    return {(r["workload"], r["target"]): r for r in records if r["threads"] == threads}


def compare_threads(records, cores):
    """The thread count the cross-mode tables use: the largest measured one
    not above the number of cores (more threads than cores measures the
    scheduler, not the mode)."""
    counts = sorted({r["threads"] for r in records})
    fit = [t for t in counts if t <= cores]
    return fit[-1] if fit else (counts[0] if counts else 1)


def _cell(r):
    if r is None:
        return "-"
    if r["status"] not in ("ok", "noisy"):
        return "**%s**" % r["status"]
    s = "%s ±%.0f%%" % (_si(r["throughput"]), 100 * r["spread"])
    if r["speedup"] is not None and r["threads"] > 1:
        s += " (%.2fx)" % r["speedup"]
    if r.get("cpu_per_wall") is not None:
        s += " cpu %.1f" % r["cpu_per_wall"]
    if r["status"] == "noisy":
        s += " noisy"
    return s


def _table(head, rows):
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return out


def throughput_section(records, labels, workloads):
    lines = ["## Throughput per workload", "",
             "Units of work per second (median over the repetitions), its spread "
             "((max - min) / median) and, in parentheses, the speedup over 1 thread "
             "of the same target, then `cpu`: the process's CPU time over its wall "
             "time (about min(N, cores) when its threads really run in parallel, "
             "about 1 under a GIL, lower when other processes took the CPUs). "
             "Weak scaling: N threads do N times the work, so the ideal speedup "
             "is N while N is at most the number of cores.", ""]
    for w in workloads:
        rs = [r for r in records if r["workload"] == w.name]
        if not rs:
            continue
        lines += ["### %s (%s; throughput in %s per second)" % (w.name, w.kind, w.unit),
                  "", w.about, ""]
        threads = sorted({r["threads"] for r in rs})
        by = {(r["target"], r["threads"]): r for r in rs}
        rows = [[t] + [_cell(by.get((lab, t))) for lab in labels] for t in threads]
        lines += _table(["threads"] + labels, rows) + [""]
    return lines


def overview_section(records, labels, workloads):
    """All throughputs in one table: a row per workload, a column per
    target and thread count (noisy ones marked ~, rejected ones by status)."""
    threads = sorted({r["threads"] for r in records})
    by = {(r["workload"], r["target"], r["threads"]): r for r in records}
    head = ["workload"] + ["%s %d" % (lab, t) for lab in labels for t in threads]
    rows = []
    for w in workloads:
        row = [w.name]
        for lab in labels:
            for t in threads:
                r = by.get((w.name, lab, t))
                if r is None:
                    row.append("-")
                elif r["throughput"] is None:
                    row.append(r["status"])
                else:
                    row.append(("~" if r["status"] == "noisy" else "") + _si(r["throughput"]))
        rows.append(row)
    return (["## Overview: throughput (units per second) by target and threads", "",
             "~ marks a noisy point (spread above the threshold).", ""]
            + _table(head, rows) + [""])


def efficiency_section(records, labels, workloads, t):
    by = at_threads(records, t)
    rows = []
    for w in workloads:
        row = [w.name]
        for lab in labels:
            r = by.get((w.name, lab))
            row.append(_ratio(r["efficiency"]) if r else "-")
        rows.append(row)
    return (["## Scaling efficiency at %d threads" % t, "",
             "Speedup over 1 thread divided by the thread count (1.00 = perfect "
             "weak scaling, 1/%d = fully serialized)." % t, ""]
            + _table(["workload"] + labels, rows) + [""])


def cpython_section(records, labels, workloads, t):
    elide = [lab for lab in labels if lab != "cpython"]
    if "cpython" not in labels or not elide:
        return ["## elide against CPython", "",
                "Not measured in this run (it needs both cpython and an elide mode).", ""]
    by = at_threads(records, t)
    rows = []
    for w in workloads:
        base = by.get((w.name, "cpython"))
        row = [w.name]
        for lab in elide:
            r = by.get((w.name, lab))
            ok = base and r and base["throughput"] and r["throughput"]
            row.append("%.2f" % (r["throughput"] / base["throughput"]) if ok else "-")
        rows.append(row)
    return (["## elide against CPython at %d threads" % t, "",
             "elide's throughput over CPython's on the same script and thread "
             "count (above 1: elide is faster).", ""]
            + _table(["workload"] + elide, rows) + [""])


def abort_section(records, t):
    rs = [r for r in records if r["threads"] == t and r["stats"] is not None]
    if not rs:
        return ["## Transactions and aborts", "",
                "No run produced elide statistics (no elide mode ran, or the elide "
                "binary does not write ELIDE_STATS_FILE yet): nothing to show.", ""]
    causes = []
    for r in rs:
        for c in (r["abort_rates"] or {}):
            if c not in causes:
                causes.append(c)
    causes.sort(key=lambda c: (ABORT_CAUSES_FIRST.index(c)
                               if c in ABORT_CAUSES_FIRST else 99, c))
    rows = [[r["workload"], r["target"], _pct(r["commit_ratio"]), _pct(r["fallback_ratio"])]
            + [_pct((r["abort_rates"] or {}).get(c)) for c in causes] for r in rs]
    return (["## Transactions and aborts at %d threads" % t, "",
             "From elide's statistics (ELIDE_STATS=json), summed over the "
             "repetitions: commits per transaction started, fallbacks to fine "
             "mode per region, and aborts of each cause per transaction started.", ""]
            + _table(["workload", "target", "commit", "fallback"] + causes, rows) + [""])


def perf_section(records):
    rs = [r for r in records if r["perf"]]
    if not rs:
        return []
    events = sorted({k for r in rs for k in r["perf"]})
    rows = [[r["workload"], r["target"], r["threads"]]
            + [r["perf"].get(e, "-") for e in events] for r in rs]
    return (["## Hardware TSX counters (perf)", ""]
            + _table(["workload", "target", "threads"] + events, rows) + [""])


def problems_section(records):
    bad = [r for r in records if r["status"] != "ok"]
    if not bad:
        return ["## Rejected and noisy results", "", "None.", ""]
    rows = [[r["workload"], r["target"], r["threads"], r["status"], r["reason"] or ""]
            for r in bad]
    return (["## Rejected and noisy results", "",
             "wrong, failed and timeout results were rejected (no time is used); "
             "noisy ones are kept but marked.", ""]
            + _table(["workload", "target", "threads", "status", "reason"], rows) + [""])


def locks_section(locks_json):
    if not locks_json:
        return []
    try:
        with open(locks_json, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError):
        return ["## Lock benchmarks", "", "locks/locks.json is unreadable.", ""]
    rows = []
    for b in data.get("benchmarks", []):
        rows.append([b.get("name"), "%.1f" % b.get("real_time", 0), b.get("time_unit", ""),
                     _si(b.get("items_per_second"))])
    return (["## Lock benchmarks (Google Benchmark, locks/locks.json)", ""]
            + _table(["benchmark", "real time", "unit", "items/s"], rows) + [""])


def write_markdown(path, meta, records, workloads, plots, locks_json):
    labels = labels_of(records)
    t = compare_threads(records, meta["cores"])
    lines = ["# elide measurement suite: results", "",
             "Command: `%s`" % meta["command"], "",
             "- date: %s; time taken: %.0f s" % (meta["date"], meta["elapsed_s"]),
             "- machine: %s, %d cores; %s" % (meta["cpu"], meta["cores"], meta["os"]),
             "- targets: %s" % ", ".join(labels or ["none"]),
             "- threads: %s; repetitions: %d; noise threshold: %.0f%%; "
             "target time per run: %.2f s" % (
                 ",".join(map(str, meta["threads"])), meta["reps"],
                 100 * meta["noise"], meta["target_s"]), ""]
    lines += ["## Notes", ""] + ["- " + n for n in meta["notes"]] + [""]
    lines += overview_section(records, labels, workloads)
    lines += throughput_section(records, labels, workloads)
    lines += efficiency_section(records, labels, workloads, t)
    lines += cpython_section(records, labels, workloads, t)
    lines += abort_section(records, t)
    lines += perf_section(records)
    lines += problems_section(records)
    lines += locks_section(locks_json)
    if plots:
        lines += ["## Plots", ""]
        for title, png in plots:
            lines += ["### " + title, "", "![%s](%s)" % (title, png), ""]
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
