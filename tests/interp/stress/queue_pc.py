# Stress: producers and consumers through queue.Queue (bounded, blocking
# put/get); every item is consumed exactly once.
# usage: queue_pc.py THREADS SCALE   (THREADS/2 producers, the rest consumers)
import sys, threading, queue
T, S = int(sys.argv[1]), int(sys.argv[2])
P = max(1, T // 2)
C = max(1, T - P)
K = 1500 * S
q = queue.Queue(maxsize=64)
got = [[] for _ in range(C)]
def produce(p):
    for i in range(K):
        q.put(p * K + i)
def consume(c):
    while True:
        x = q.get()
        if x is None:
            break
        got[c].append(x)
ps = [threading.Thread(target=produce, args=(p,)) for p in range(P)]
cs = [threading.Thread(target=consume, args=(c,)) for c in range(C)]
for t in ps + cs: t.start()
for t in ps: t.join()
for _ in cs: q.put(None)
for t in cs: t.join()
allv = sorted(x for g in got for x in g)
ok = allv == list(range(P * K))
print("OK" if ok else "FAIL", len(allv), P * K)
sys.exit(0 if ok else 1)
