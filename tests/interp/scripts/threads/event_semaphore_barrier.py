import threading
start = threading.Event()
order = []
olock = threading.Lock()
def racer(i):
    start.wait()
    with olock:
        order.append(i)
ts = [threading.Thread(target=racer, args=(i,)) for i in range(5)]
for t in ts:
    t.start()
print(start.is_set(), len(order))
start.set()
for t in ts:
    t.join()
print(sorted(order), start.is_set(), start.wait(0.01))
start.clear()
print(start.is_set(), start.wait(timeout=0.02))
sem = threading.Semaphore(2)
active = [0]
peak = [0]
alock = threading.Lock()
def limited():
    with sem:
        with alock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        for _ in range(2000):
            pass
        with alock:
            active[0] -= 1
ts = [threading.Thread(target=limited) for _ in range(6)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(peak[0] <= 2, active[0])
bs = threading.BoundedSemaphore(1)
bs.acquire()
bs.release()
try:
    bs.release()
except ValueError:
    print("BoundedSemaphore over-release ValueError")
barrier = threading.Barrier(4)
phases = []
plock = threading.Lock()
def phased(i):
    for phase in range(3):
        with plock:
            phases.append(phase)
        barrier.wait()
ts = [threading.Thread(target=phased, args=(i,)) for i in range(4)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(phases == [0] * 4 + [1] * 4 + [2] * 4, barrier.parties)
