# differential: no
# elide.stats() returns the running thread's statistics as a dict of
# non-negative integers; running code makes region counts grow.
import elide
s1 = elide.stats()
print(type(s1).__name__, len(s1) > 0)
print(all(isinstance(v, int) and v >= 0 for v in s1.values()))
total = 0
for i in range(100000):
    total += i
s2 = elide.stats()
print(total, sorted(s1) == sorted(s2))
grew = [k for k in s1 if s2[k] > s1[k]]
print(len(grew) > 0)
