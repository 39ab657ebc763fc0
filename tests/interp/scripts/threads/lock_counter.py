import threading
counter = 0
lock = threading.Lock()
def inc(n):
    global counter
    for _ in range(n):
        with lock:
            counter += 1
def inc_explicit(n):
    global counter
    for _ in range(n):
        lock.acquire()
        try:
            counter += 1
        finally:
            lock.release()
ts = [threading.Thread(target=inc if i % 2 else inc_explicit, args=(10000,)) for i in range(8)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(counter)
print(lock.locked(), lock.acquire(blocking=False), lock.locked(), lock.acquire(timeout=0.01))
lock.release()
print(lock.locked())
