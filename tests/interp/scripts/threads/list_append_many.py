# Many threads appending to one list: list.append is atomic, nothing is lost.
import threading
shared = []
N_THREADS, PER_THREAD = 8, 5000
def worker(tid):
    for i in range(PER_THREAD):
        shared.append((tid, i))
threads = [threading.Thread(target=worker, args=(t,)) for t in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(len(shared), len(set(shared)))
per = {}
for tid, i in shared:
    per.setdefault(tid, []).append(i)
print(all(per[t] == list(range(PER_THREAD)) for t in range(N_THREADS)))
