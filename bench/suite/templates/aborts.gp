# Abort rate by cause per workload for one target: stacked bars of aborts
# of each cause per transaction started.
set title '@TITLE@'
set ylabel 'aborts per transaction started'
set style data histograms
set style histogram rowstacked
set style fill solid 0.8 border -1
set boxwidth 0.7
set xtics rotate by -45 noenhanced nomirror
set yrange [0:*]
set key outside right top
plot for [i=2:@NCOLS@] '@DATA@' using i:xtic(1) title columnheader(i)
