# Shared settings of every plot; plots.py puts pngcairo size 1000,600 font 'sans,10' and /tmp/suite-full/plots/vs_cpython.png in.
set terminal pngcairo size 1000,600 font 'sans,10'
set output '/tmp/suite-full/plots/vs_cpython.png'
set datafile missing '?'
set grid ytics
set key noenhanced
set title noenhanced
# elide's throughput over CPython's per workload, one bar per elide mode
# (log scale: 2 and 1/2 are equally far from the line at 1).
set title 'elide against CPython at 2 threads'
set ylabel 'throughput / CPython throughput'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -45 noenhanced nomirror
set logscale y 2
set key outside right top
plot for [i=2:5] '/tmp/suite-full/plots/data/vs_cpython.dat' using i:xtic(1) title columnheader(i), \
     1 with lines dt 2 lw 2 lc rgb 'black' title 'CPython'
