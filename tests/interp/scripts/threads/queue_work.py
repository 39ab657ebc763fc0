import threading
import queue
tasks = queue.Queue()
results = queue.Queue()
def worker():
    while True:
        item = tasks.get()
        if item is None:
            tasks.task_done()
            break
        results.put((item, item * item))
        tasks.task_done()
workers = [threading.Thread(target=worker) for _ in range(4)]
for w in workers:
    w.start()
for i in range(200):
    tasks.put(i)
for _ in workers:
    tasks.put(None)
tasks.join()
for w in workers:
    w.join()
out = []
while not results.empty():
    out.append(results.get())
out.sort()
print(len(out), out[:3], out[-1], sum(v for _, v in out))
