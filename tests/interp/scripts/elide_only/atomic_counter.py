# differential: no
# `with elide.atomic:` runs its block as one region: a read-modify-write
# inside it is atomic with respect to other threads in every mode, so the
# count is exact even though no lock is taken. (CPython has no elide module.)
import threading
import elide
shared = {"n": 0}
def worker():
    for _ in range(20000):
        with elide.atomic:
            v = shared["n"]
            for _ in range(3):
                pass
            shared["n"] = v + 1
ts = [threading.Thread(target=worker) for _ in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(shared["n"])
