# Many threads updating one dict on disjoint and shared keys.
import threading
d = {}
lock = threading.Lock()
def worker(tid):
    for i in range(2000):
        d["t%d_%d" % (tid, i)] = i
        with lock:
            d["total"] = d.get("total", 0) + 1
ts = [threading.Thread(target=worker, args=(i,)) for i in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(len(d), d["total"], sum(v for k, v in d.items() if k != "total"))
