# Shared settings of every plot; plots.py puts svg size 1000,600 dynamic font 'sans,10' and /tmp/suite-full/plots/efficiency.svg in.
set terminal svg size 1000,600 dynamic font 'sans,10'
set output '/tmp/suite-full/plots/efficiency.svg'
set datafile missing '?'
set grid ytics
set key noenhanced
set title noenhanced
# Scaling efficiency (speedup / threads) per workload, one bar per target;
# the dashed line at 1 is perfect weak scaling.
set title 'scaling efficiency at 2 threads'
set ylabel 'speedup / threads'
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.8 border -1
set boxwidth 0.9
set xtics rotate by -45 noenhanced nomirror
set yrange [0:1.3]
set key outside right top
plot for [i=2:6] '/tmp/suite-full/plots/data/efficiency.dat' using i:xtic(1) title columnheader(i), \
     1 with lines dt 2 lw 2 lc rgb 'black' title 'ideal'
