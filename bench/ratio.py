#!/usr/bin/env python3
"""ratio.py: elided vs plain from elide_bench JSON (--benchmark_out).

For every benchmark named .../elided with a .../plain twin, print the best
(min) and median times of both and elided/plain - 1, from the "min" and
"median" aggregates (run with --benchmark_repetitions=N). CPU time by
default: on a shared machine it leaves out the time the thread was not
running; --real uses wall-clock time. Usage:
    ratio.py [--real] RUN.json [RUN.json ...]
"""
import json
import sys


def aggregates(path, field):
    with open(path) as f:
        data = json.load(f)
    out = {}
    for b in data.get("benchmarks", []):
        if b.get("run_type") != "aggregate" or b.get("error_occurred"):
            continue
        out.setdefault(b["run_name"], {})[b["aggregate_name"]] = b[field]
    return data.get("context", {}), out


def report(path, field):
    ctx, agg = aggregates(path, field)
    print(f"# {path} ({field}): backend {ctx.get('elide_backend', '?')} "
          f"({ctx.get('elide_reason', '')})")
    print(f"{'benchmark':<44} {'elided min':>11} {'plain min':>10} {'min':>7}"
          f" {'elided med':>11} {'plain med':>10} {'median':>7}")
    for name in sorted(agg):
        if "/elided" not in name:
            continue
        twin = name.replace("/elided", "/plain")
        e, p = agg[name], agg.get(twin)
        if not p or "min" not in e or "min" not in p:
            continue
        print(f"{name:<44} {e['min']:>11.1f} {p['min']:>10.1f} "
              f"{e['min'] / p['min'] - 1:>+7.1%} {e['median']:>11.1f} "
              f"{p['median']:>10.1f} {e['median'] / p['median'] - 1:>+7.1%}")


def main(argv):
    args = argv[1:]
    field = "cpu_time"
    if args and args[0] == "--real":
        field = "real_time"
        args = args[1:]
    if not args or any(a.startswith("-") for a in args):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    for path in args:
        try:
            report(path, field)
        except (OSError, ValueError, KeyError) as e:
            print(f"ratio.py: {path}: {e}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
