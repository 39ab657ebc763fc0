# Stress: counters incremented under threading.Lock and RLock; exact.
# usage: lock_counter.py THREADS SCALE
import sys, threading
T, S = int(sys.argv[1]), int(sys.argv[2])
K = 3000 * S
lock, rlock = threading.Lock(), threading.RLock()
count = [0, 0]
def work():
    for i in range(K):
        with lock:
            count[0] += 1
        if i % 4 == 0:
            with rlock:
                with rlock:
                    count[1] += 1
ts = [threading.Thread(target=work) for _ in range(T)]
for t in ts: t.start()
for t in ts: t.join()
ok = count == [T * K, T * ((K + 3) // 4)]
print("OK" if ok else "FAIL", count)
sys.exit(0 if ok else 1)
