# Each thread drives its own generator pipeline; generators are not shared.
import threading
def numbers(start, step):
    n = start
    while True:
        yield n
        n += step
def worker(tid, out):
    gen = (x * x for x in numbers(tid, 7) if x % 2 == 0)
    out[tid] = [next(gen) for _ in range(500)][-3:]
out = {}
ts = [threading.Thread(target=worker, args=(i, out)) for i in range(5)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(sorted(out.items()))
