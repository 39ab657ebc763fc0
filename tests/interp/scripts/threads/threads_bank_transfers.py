# Transfers between accounts under per-account locks taken in a fixed order;
# the total must be preserved exactly.
import threading
import random
N = 10
balances = [1000] * N
locks = [threading.Lock() for _ in range(N)]
def transfer(seed):
    rng = random.Random(seed)
    for _ in range(2000):
        a, b = rng.randrange(N), rng.randrange(N)
        if a == b:
            continue
        amt = rng.randint(1, 50)
        first, second = (a, b) if a < b else (b, a)
        with locks[first]:
            with locks[second]:
                if balances[a] >= amt:
                    balances[a] -= amt
                    balances[b] += amt
ts = [threading.Thread(target=transfer, args=(s,)) for s in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sum(balances), all(b >= 0 for b in balances))
