import threading
class Stats:
    def __init__(self):
        self.lock = threading.RLock()
        self.counts = {}
    def bump(self, key, n=1):
        with self.lock:
            self.counts[key] = self.counts.get(key, 0) + n
            if key.endswith("!"):
                self.bump(key[:-1], n)   # re-enters the RLock
    def snapshot(self):
        with self.lock:
            return dict(sorted(self.counts.items()))
stats = Stats()
def worker(tid):
    for i in range(3000):
        stats.bump("all")
        stats.bump("t%d" % (tid % 3))
        if i % 10 == 0:
            stats.bump("tens!")
ts = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(stats.snapshot())
