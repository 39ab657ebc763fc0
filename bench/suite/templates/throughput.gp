# Throughput against threads, one line per target (cpython, elide-MODE).
# @DATA@: a header row "threads TARGET...", then one row per thread count.
set title '@TITLE@'
set xlabel 'threads'
set ylabel 'throughput (@UNIT@ per second)'
set logscale x 2
set xtics (@XTICS@)
set yrange [0:*]
set key outside right top
plot for [i=2:@NCOLS@] '@DATA@' using 1:i with linespoints lw 2 pt 7 title columnheader(i)
