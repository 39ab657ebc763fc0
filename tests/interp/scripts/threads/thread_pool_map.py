# A small thread pool over a Queue: results come back tagged with their
# index, so the collected output is in input order whatever the schedule.
import threading
import queue
class Pool:
    def __init__(self, n):
        self.tasks = queue.Queue()
        self.results = {}
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self._work, name="pool-%d" % i) for i in range(n)]
        for t in self.threads:
            t.start()
    def _work(self):
        while True:
            job = self.tasks.get()
            if job is None:
                break
            i, fn, arg = job
            try:
                r = fn(arg)
            except Exception as e:
                r = "error: %s" % e
            with self.lock:
                self.results[i] = r
    def map(self, fn, items):
        items = list(items)
        for i, x in enumerate(items):
            self.tasks.put((i, fn, x))
        return items
    def close(self):
        for _ in self.threads:
            self.tasks.put(None)
        for t in self.threads:
            t.join()
        return [self.results[i] for i in sorted(self.results)]
def slow_square(x):
    s = 0
    for _ in range(1000):
        s += 1
    if x == 13:
        raise ValueError("unlucky")
    return x * x + s - 1000
pool = Pool(4)
pool.map(slow_square, range(20))
print(pool.close())
