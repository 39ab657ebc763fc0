"""The measurement suite behind bench/run (stdlib only).

workloads  finds the workload scripts and reads their RESULT lines
interps    CPython and elide: which modes run, the command and environment
           of one run, elide's JSON statistics, pinning
measure    the plan (calibration, time budget), repetitions, median and
           spread, noisy and wrong results, one record per point
progress   the progress bar (tty) or plain lines
report     results.json and summary.md
plots      gnuplot data files and scripts (templates/), PNG and SVG
extras     perf's TSX counters, the Google Benchmark lock benchmarks
"""
