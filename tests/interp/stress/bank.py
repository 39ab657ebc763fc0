# Stress: a bank of accounts, one Lock each; transfers between random pairs
# take both locks in account order; audits take every lock. The total never
# changes, in any audit and at the end.
# usage: bank.py THREADS SCALE
import sys, threading, random
T, S = int(sys.argv[1]), int(sys.argv[2])
N, K = 32, 1500 * S
balance = [1000] * N
locks = [threading.Lock() for _ in range(N)]
bad = []
def audit():
    for l in locks: l.acquire()
    total = sum(balance)
    for l in reversed(locks): l.release()
    if total != 1000 * N:
        bad.append(total)
def work(t):
    rnd = random.Random(t)
    for i in range(K):
        a, b = rnd.randrange(N), rnd.randrange(N)
        if a == b:
            continue
        lo, hi = min(a, b), max(a, b)
        with locks[lo]:
            with locks[hi]:
                amt = rnd.randrange(50)
                if balance[a] >= amt:
                    balance[a] -= amt
                    balance[b] += amt
        if i % 500 == 0:
            audit()
ts = [threading.Thread(target=work, args=(t,)) for t in range(T)]
for t in ts: t.start()
for t in ts: t.join()
ok = not bad and sum(balance) == 1000 * N and min(balance) >= 0
print("OK" if ok else "FAIL", sum(balance), bad[:3])
sys.exit(0 if ok else 1)
