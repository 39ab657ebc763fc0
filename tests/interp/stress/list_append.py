# Stress: many threads append to one list; every item must be there once.
# usage: list_append.py THREADS SCALE
import sys, threading
T, S = int(sys.argv[1]), int(sys.argv[2])
K = 2000 * S
shared = []
def work(t):
    for i in range(K):
        shared.append(t * K + i)
ts = [threading.Thread(target=work, args=(t,)) for t in range(T)]
for t in ts: t.start()
for t in ts: t.join()
ok = len(shared) == T * K and sorted(shared) == list(range(T * K))
print("OK" if ok else "FAIL", len(shared), T * K)
sys.exit(0 if ok else 1)
