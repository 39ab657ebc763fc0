# Stress: many threads update one dict: disjoint keys, and shared keys
# through setdefault + list.append (both atomic); counts must be exact.
# usage: dict_update.py THREADS SCALE
import sys, threading
T, S = int(sys.argv[1]), int(sys.argv[2])
K = 1000 * S
d = {}
def work(t):
    for i in range(K):
        d[(t, i)] = i
        d.setdefault("shared%d" % (i % 7), []).append(t)
        if i % 3 == 0:
            del d[(t, i)]
ts = [threading.Thread(target=work, args=(t,)) for t in range(T)]
for t in ts: t.start()
for t in ts: t.join()
own = sum(1 for k in d if isinstance(k, tuple))
shared = sum(len(d["shared%d" % j]) for j in range(7))
expect_own = T * (K - (K + 2) // 3)
ok = own == expect_own and shared == T * K and all(
    d[(t, i)] == i for t in range(T) for i in range(K) if i % 3)
print("OK" if ok else "FAIL", own, expect_own, shared, T * K)
sys.exit(0 if ok else 1)
