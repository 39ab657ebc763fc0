import _thread
import time
lock = _thread.allocate_lock()
done = _thread.allocate_lock()
done.acquire()
results = []
def worker(n):
    with lock:
        results.append(n * n)
        if len(results) == 4:
            done.release()
for i in range(4):
    _thread.start_new_thread(worker, (i,))
done.acquire()
print(sorted(results), isinstance(_thread.get_ident(), int))
print(lock.acquire(), lock.locked())
lock.release()
print(lock.locked())
