# A binary-heap priority queue with decrease-key, used for task scheduling.
class PQ:
    def __init__(self):
        self.heap = []
        self.pos = {}
    def __len__(self):
        return len(self.heap)
    def _swap(self, i, j):
        h = self.heap
        h[i], h[j] = h[j], h[i]
        self.pos[h[i][1]] = i
        self.pos[h[j][1]] = j
    def _up(self, i):
        while i > 0:
            p = (i - 1) // 2
            if self.heap[i] < self.heap[p]:
                self._swap(i, p)
                i = p
            else:
                break
    def _down(self, i):
        n = len(self.heap)
        while True:
            l, r, s = 2 * i + 1, 2 * i + 2, i
            if l < n and self.heap[l] < self.heap[s]:
                s = l
            if r < n and self.heap[r] < self.heap[s]:
                s = r
            if s == i:
                return
            self._swap(i, s)
            i = s
    def push(self, prio, item):
        if item in self.pos:
            raise KeyError("duplicate item %r" % (item,))
        self.heap.append((prio, item))
        self.pos[item] = len(self.heap) - 1
        self._up(len(self.heap) - 1)
    def pop(self):
        if not self.heap:
            raise IndexError("pop from empty PQ")
        self._swap(0, len(self.heap) - 1)
        prio, item = self.heap.pop()
        del self.pos[item]
        if self.heap:
            self._down(0)
        return prio, item
    def decrease(self, item, prio):
        i = self.pos[item]
        if prio > self.heap[i][0]:
            raise ValueError("new priority is larger")
        self.heap[i] = (prio, item)
        self._up(i)

pq = PQ()
tasks = [(5, "write report"), (1, "fix outage"), (3, "review PR"), (4, "lunch"), (2, "reply email"), (3, "call bob")]
for p, t in tasks:
    pq.push(p, t)
pq.decrease("lunch", 0)
order = []
while pq:
    order.append(pq.pop())
print(order)
import random
rng = random.Random(8)
pq2 = PQ()
nums = [rng.randint(0, 10000) for _ in range(500)]
for i, v in enumerate(nums):
    pq2.push(v, i)
out = [pq2.pop()[0] for _ in range(len(nums))]
print(out == sorted(nums), out[:5], out[-3:])
for bad in [lambda: pq.pop(), lambda: (pq.push(1, "x"), pq.push(2, "x")), lambda: pq.decrease("x", 9)]:
    try:
        bad()
    except (IndexError, KeyError, ValueError) as e:
        print(type(e).__name__, e)
