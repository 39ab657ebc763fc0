# demo.py: the README's main job. Four threads share a queue, a lock and a
# list; the totals are checked, then elide reports the mode it ran in and its
# region statistics. Runs under CPython too (without the elide report).
import threading
import queue

N_THREADS = 4
N_ITEMS = 20000

work = queue.Queue()
done = []
total = [0]
lock = threading.Lock()


def worker():
    while True:
        item = work.get()
        if item is None:
            return
        with lock:
            total[0] += item * item
        done.append(item)


threads = [threading.Thread(target=worker, name="worker-%d" % i) for i in range(N_THREADS)]
for t in threads:
    t.start()
for i in range(N_ITEMS):
    work.put(i)
for _ in threads:
    work.put(None)
for t in threads:
    t.join()

expected = sum(i * i for i in range(N_ITEMS))
assert total[0] == expected, (total[0], expected)
assert sorted(done) == list(range(N_ITEMS))
print("threads: %d, items: %d, sum of squares: %d (correct)" % (N_THREADS, len(done), total[0]))

try:
    import elide
except ImportError:
    print("mode: CPython (no elide module)")
else:
    stats = elide.stats()
    print("mode:", elide.mode())
    for key in sorted(stats):
        if key != "mode":
            print("  %-20s %s" % (key, stats[key]))
