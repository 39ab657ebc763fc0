# A discrete-event simulation of a coffee shop: generators as processes,
# a heap of (time, seq, process) and seeded random arrivals.
import random
def heappush(h, x):
    h.append(x)
    i = len(h) - 1
    while i and h[i] < h[(i - 1) // 2]:
        h[i], h[(i - 1) // 2] = h[(i - 1) // 2], h[i]
        i = (i - 1) // 2
def heappop(h):
    h[0], h[-1] = h[-1], h[0]
    top = h.pop()
    i = 0
    while True:
        c = [j for j in (2 * i + 1, 2 * i + 2) if j < len(h)]
        if not c:
            return top
        m = min(c, key=lambda j: h[j])
        if h[m] < h[i]:
            h[i], h[m] = h[m], h[i]
            i = m
        else:
            return top
class Sim:
    def __init__(self, seed):
        self.now, self.seq, self.queue = 0.0, 0, []
        self.rng = random.Random(seed)
        self.baristas_free = 2
        self.waiting = []
        self.log = []
        self.served = []
    def schedule(self, delay, proc):
        self.seq += 1
        heappush(self.queue, (self.now + delay, self.seq, proc))
    def run(self, until):
        while self.queue and self.queue[0][0] <= until:
            self.now, _, proc = heappop(self.queue)
            try:
                delay = next(proc)
                self.schedule(delay, proc)
            except StopIteration:
                pass
    def customer(self, name):
        arrive = self.now
        while self.baristas_free == 0:
            self.waiting.append(name)
            yield 0.5
            self.waiting.remove(name)
        self.baristas_free -= 1
        yield round(self.rng.uniform(1.0, 4.0), 2)
        self.baristas_free += 1
        self.served.append((name, round(self.now - arrive, 2)))
    def arrivals(self):
        for i in range(25):
            self.schedule(0, self.customer("c%02d" % i))
            yield round(self.rng.uniform(0.2, 2.0), 2)
sim = Sim(11)
sim.schedule(0, sim.arrivals())
sim.run(until=200)
print(len(sim.served), "served")
for name, wait in sim.served[:8]:
    print(name, wait)
avg = sum(w for _, w in sim.served) / len(sim.served)
print("average time in shop %.3f, max %.2f" % (avg, max(w for _, w in sim.served)))
