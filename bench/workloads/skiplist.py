# kind: program
# calibrate: 2000
# unit: operations
"""A shared skip list under one lock, 99.9% lookups: the showcase for lock
elision (readers never conflict, so transactions should commit while a
plain lock serializes them). The list starts with the even keys below
2 * PREFILL. Each thread does SIZE operations, every one under the same
threading.Lock: one in WRITE_EVERY inserts (or, the next time, deletes) an
odd key only that thread uses; the rest look up a random even key, which
must be found. Check: every lookup found its key, every thread saw its
own insert, and at the end the list is sorted, its levels agree and it
holds exactly the prefilled keys plus the inserts not yet deleted."""
import random
import threading
import _wl

PREFILL = 2000
MAX_LEVEL = 12
# 1 write in 1000 operations: the 99.9% lookups.
WRITE_EVERY = 1000


class Node:
    def __init__(self, key, level):
        self.key = key
        self.next = [None] * level


class SkipList:
    def __init__(self):
        self.head = Node(-1, MAX_LEVEL)
        self.rng = random.Random(7)

    def _path(self, key):
        path = [None] * MAX_LEVEL
        x = self.head
        for lv in range(MAX_LEVEL - 1, -1, -1):
            while x.next[lv] is not None and x.next[lv].key < key:
                x = x.next[lv]
            path[lv] = x
        return path

    def find(self, key):
        x = self.head
        for lv in range(MAX_LEVEL - 1, -1, -1):
            nxt = x.next[lv]
            while nxt is not None and nxt.key < key:
                x = nxt
                nxt = x.next[lv]
        x = x.next[0]
        return x is not None and x.key == key

    def insert(self, key):
        path = self._path(key)
        level = 1
        while level < MAX_LEVEL and self.rng.random() < 0.5:
            level += 1
        node = Node(key, level)
        for lv in range(level):
            node.next[lv] = path[lv].next[lv]
            path[lv].next[lv] = node

    def delete(self, key):
        path = self._path(key)
        node = path[0].next[0]
        if node is None or node.key != key:
            return False
        for lv in range(len(node.next)):
            path[lv].next[lv] = node.next[lv]
        return True

    def keys(self):
        out, x = [], self.head.next[0]
        while x is not None:
            out.append(x.key)
            x = x.next[0]
        return out

    def levels_agree(self):
        """Every level is a sorted sub-list of the level below it."""
        below = set(self.keys())
        for lv in range(1, MAX_LEVEL):
            prev, x = -1, self.head.next[lv]
            while x is not None:
                if x.key <= prev or x.key not in below:
                    return False
                prev, x = x.key, x.next[lv]
        return True


LIST = SkipList()
for _k in range(PREFILL):
    LIST.insert(2 * _k)
LOCK = threading.Lock()


def work(tid, size, nthreads):
    rng = random.Random(tid)
    found = own_seen = writes = 0
    live = []
    for i in range(size):
        if i % WRITE_EVERY == WRITE_EVERY - 1:
            key = 2 * (PREFILL + tid * size + writes) + 1
            with LOCK:
                if writes % 2 == 0:
                    LIST.insert(key)
                    own_seen += LIST.find(key)
                    live.append(key)
                else:
                    own_seen += LIST.delete(live.pop())
            writes += 1
        else:
            key = 2 * rng.randrange(PREFILL)
            with LOCK:
                found += LIST.find(key)
    return found, own_seen, writes, live


def check(results, size, nthreads):
    lookups = size - size // WRITE_EVERY
    remaining = []
    for tid, (found, own_seen, writes, live) in enumerate(results):
        if found != lookups:
            return "thread %d found %d of %d prefilled keys" % (tid, found, lookups)
        if own_seen != writes:
            return "thread %d saw %d of its %d writes" % (tid, own_seen, writes)
        remaining += live
    want = sorted([2 * k for k in range(PREFILL)] + remaining)
    if LIST.keys() != want:
        return "the final list does not hold exactly the expected keys"
    if not LIST.levels_agree():
        return "the skip list's levels are inconsistent"
    return None


_wl.main("skiplist", 2000, work, check)
