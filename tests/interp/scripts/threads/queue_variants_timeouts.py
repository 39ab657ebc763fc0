import queue
import threading
lq = queue.LifoQueue()
for i in range(3):
    lq.put(i)
print([lq.get() for _ in range(3)])
sq = queue.SimpleQueue()
sq.put("a"); sq.put("b")
print(sq.get(), sq.qsize(), sq.empty())
q = queue.Queue(maxsize=2)
q.put(1); q.put(2)
print(q.full(), q.qsize())
try:
    q.put(3, timeout=0.05)
except queue.Full:
    print("Full after timeout")
try:
    q.put_nowait(3)
except queue.Full:
    print("Full nowait")
print(q.get(), q.get())
try:
    q.get(timeout=0.05)
except queue.Empty:
    print("Empty after timeout")
try:
    q.get_nowait()
except queue.Empty:
    print("Empty nowait")
def producer():
    for i in range(5):
        q.put(i)
t = threading.Thread(target=producer)
t.start()
got = [q.get(timeout=5) for _ in range(5)]
t.join()
print(got)
pq = queue.PriorityQueue()
for p in [5, 1, 3]:
    pq.put((p, "job%d" % p))
print([pq.get()[1] for _ in range(3)])
