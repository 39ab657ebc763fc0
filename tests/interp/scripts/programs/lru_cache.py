# An LRU cache built on a dict plus a doubly linked list, checked against a
# simple list-based reference model under a seeded random workload.
import random

class Node:
    __slots__ = ("key", "val", "prev", "next")
    def __init__(self, key=None, val=None):
        self.key, self.val, self.prev, self.next = key, val, None, None

class LRU:
    def __init__(self, cap):
        self.cap = cap
        self.map = {}
        self.head, self.tail = Node(), Node()
        self.head.next, self.tail.prev = self.tail, self.head
        self.hits = self.misses = self.evictions = 0
    def _unlink(self, n):
        n.prev.next, n.next.prev = n.next, n.prev
    def _push_front(self, n):
        n.prev, n.next = self.head, self.head.next
        self.head.next.prev = n
        self.head.next = n
    def get(self, key, default=None):
        n = self.map.get(key)
        if n is None:
            self.misses += 1
            return default
        self.hits += 1
        self._unlink(n)
        self._push_front(n)
        return n.val
    def put(self, key, val):
        n = self.map.get(key)
        if n:
            n.val = val
            self._unlink(n)
            self._push_front(n)
            return
        if len(self.map) >= self.cap:
            lru = self.tail.prev
            self._unlink(lru)
            del self.map[lru.key]
            self.evictions += 1
        n = Node(key, val)
        self.map[key] = n
        self._push_front(n)
    def keys(self):
        out, n = [], self.head.next
        while n is not self.tail:
            out.append(n.key)
            n = n.next
        return out
    def __len__(self):
        return len(self.map)
    def __contains__(self, key):
        return key in self.map

class Reference:
    def __init__(self, cap):
        self.cap, self.items = cap, []
    def get(self, key):
        for i, (k, v) in enumerate(self.items):
            if k == key:
                self.items.insert(0, self.items.pop(i))
                return v
        return None
    def put(self, key, val):
        for i, (k, _) in enumerate(self.items):
            if k == key:
                self.items.pop(i)
                break
        else:
            if len(self.items) >= self.cap:
                self.items.pop()
        self.items.insert(0, (key, val))

c = LRU(3)
for k, v in [("a", 1), ("b", 2), ("c", 3)]:
    c.put(k, v)
print(c.get("a"), c.keys())
c.put("d", 4)
print(c.keys(), "b" in c, c.get("b"), len(c))
rng = random.Random(99)
lru, ref = LRU(16), Reference(16)
mismatch = 0
for i in range(5000):
    k = rng.randint(0, 40)
    if rng.random() < 0.6:
        if lru.get(k) != ref.get(k):
            mismatch += 1
    else:
        lru.put(k, i)
        ref.put(k, i)
print("mismatches", mismatch, "hits", lru.hits, "misses", lru.misses, "evictions", lru.evictions)
print(lru.keys() == [k for k, _ in ref.items])
def memoize(cap):
    def deco(fn):
        cache = LRU(cap)
        def wrapped(n):
            v = cache.get(n)
            if v is None:
                v = fn(n)
                cache.put(n, v)
            return v
        wrapped.cache = cache
        return wrapped
    return deco
@memoize(64)
def collatz_len(n):
    return 1 if n == 1 else 1 + collatz_len(n // 2 if n % 2 == 0 else 3 * n + 1)
best = max(range(1, 3000), key=collatz_len)
print(best, collatz_len(best), collatz_len.cache.hits > 0)
