# Shared settings of every plot; plots.py puts svg size 1000,600 dynamic font 'sans,10' and /tmp/suite-full/plots/throughput-skiplist.svg in.
set terminal svg size 1000,600 dynamic font 'sans,10'
set output '/tmp/suite-full/plots/throughput-skiplist.svg'
set datafile missing '?'
set grid ytics
set key noenhanced
set title noenhanced
# Throughput against threads, one line per target (cpython, elide-MODE).
# /tmp/suite-full/plots/data/throughput-skiplist.dat: a header row "threads TARGET...", then one row per thread count.
set title 'skiplist: throughput against threads'
set xlabel 'threads'
set ylabel 'throughput (operations per second)'
set logscale x 2
set xtics (1, 2, 4)
set yrange [0:*]
set key outside right top
plot for [i=2:6] '/tmp/suite-full/plots/data/throughput-skiplist.dat' using 1:i with linespoints lw 2 pt 7 title columnheader(i)
