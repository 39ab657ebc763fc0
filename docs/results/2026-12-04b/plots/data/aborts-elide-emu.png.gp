# Shared settings of every plot; plots.py puts pngcairo size 1000,600 font 'sans,10' and /tmp/suite-full/plots/aborts-elide-emu.png in.
set terminal pngcairo size 1000,600 font 'sans,10'
set output '/tmp/suite-full/plots/aborts-elide-emu.png'
set datafile missing '?'
set grid ytics
set key noenhanced
set title noenhanced
# Abort rate by cause per workload for one target: stacked bars of aborts
# of each cause per transaction started.
set title 'elide-emu: aborts by cause at 2 threads (retry flag not stacked)'
set ylabel 'aborts per transaction started'
set style data histograms
set style histogram rowstacked
set style fill solid 0.8 border -1
set boxwidth 0.7
set xtics rotate by -45 noenhanced nomirror
set yrange [0:*]
set key outside right top
plot for [i=2:10] '/tmp/suite-full/plots/data/aborts-elide-emu.dat' using i:xtic(1) title columnheader(i)
