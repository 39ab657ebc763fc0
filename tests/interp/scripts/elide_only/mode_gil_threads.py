# differential: no
# timeout: 60
# Under the default mode, many threads doing pure-Python work all finish
# and produce exact results; elide's statistics stay readable from threads.
import threading
import elide
results = [0] * 8
def work(i):
    s = 0
    for k in range(50000):
        s += k % (i + 2)
    results[i] = s
    st = elide.stats()
    assert isinstance(st, dict)
ts = [threading.Thread(target=work, args=(i,)) for i in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(results)
