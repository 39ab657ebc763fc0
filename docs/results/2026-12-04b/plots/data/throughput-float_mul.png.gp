# Shared settings of every plot; plots.py puts pngcairo size 1000,600 font 'sans,10' and /tmp/suite-full/plots/throughput-float_mul.png in.
set terminal pngcairo size 1000,600 font 'sans,10'
set output '/tmp/suite-full/plots/throughput-float_mul.png'
set datafile missing '?'
set grid ytics
set key noenhanced
set title noenhanced
# Throughput against threads, one line per target (cpython, elide-MODE).
# /tmp/suite-full/plots/data/throughput-float_mul.dat: a header row "threads TARGET...", then one row per thread count.
set title 'float_mul: throughput against threads'
set xlabel 'threads'
set ylabel 'throughput (multiplies per second)'
set logscale x 2
set xtics (1, 2, 4)
set yrange [0:*]
set key outside right top
plot for [i=2:6] '/tmp/suite-full/plots/data/throughput-float_mul.dat' using 1:i with linespoints lw 2 pt 7 title columnheader(i)
