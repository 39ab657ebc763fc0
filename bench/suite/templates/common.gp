# Shared settings of every plot; plots.py puts @TERM@ and @OUT@ in.
set terminal @TERM@
set output '@OUT@'
set datafile missing '?'
set grid ytics
set key noenhanced
set title noenhanced
