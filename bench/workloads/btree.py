# kind: program
# calibrate: 2000
# unit: operations
"""A shared B-tree under one lock, 99.9% lookups (like skiplist.py, with a
different shape of shared data: wide nodes, binary search inside them). The
tree starts with the even keys below 2 * PREFILL. Each thread does SIZE
operations under one threading.Lock: one in WRITE_EVERY inserts an odd key
only that thread uses, the rest look up a random even key, which must be
found. Check: every lookup and every own insert found, and at the end the
tree's invariants hold (sorted keys, node sizes, all leaves at one depth)
and it holds exactly the expected keys."""
import random
import threading
import _wl

PREFILL = 2000
# Minimum degree: nodes hold ORDER-1 .. 2*ORDER-1 keys; 8 gives nodes of
# 7 to 15 keys, about the width a B-tree of Python objects likes.
ORDER = 8
WRITE_EVERY = 1000


class Node:
    def __init__(self, leaf):
        self.keys = []
        self.kids = []
        self.leaf = leaf


def bisect(keys, key):
    lo, hi = 0, len(keys)
    while lo < hi:
        mid = (lo + hi) // 2
        if keys[mid] < key:
            lo = mid + 1
        else:
            hi = mid
    return lo


class BTree:
    def __init__(self):
        self.root = Node(True)

    def find(self, key):
        x = self.root
        while True:
            i = bisect(x.keys, key)
            if i < len(x.keys) and x.keys[i] == key:
                return True
            if x.leaf:
                return False
            x = x.kids[i]

    def _split(self, parent, i):
        full = parent.kids[i]
        right = Node(full.leaf)
        mid = full.keys[ORDER - 1]
        right.keys = full.keys[ORDER:]
        full.keys = full.keys[:ORDER - 1]
        if not full.leaf:
            right.kids = full.kids[ORDER:]
            full.kids = full.kids[:ORDER]
        parent.keys.insert(i, mid)
        parent.kids.insert(i + 1, right)

    def insert(self, key):
        if len(self.root.keys) == 2 * ORDER - 1:
            old = self.root
            self.root = Node(False)
            self.root.kids.append(old)
            self._split(self.root, 0)
        x = self.root
        while not x.leaf:
            i = bisect(x.keys, key)
            if len(x.kids[i].keys) == 2 * ORDER - 1:
                self._split(x, i)
                if key > x.keys[i]:
                    i += 1
            x = x.kids[i]
        x.keys.insert(bisect(x.keys, key), key)

    def walk(self, x, depth, out, depths):
        """In-order keys into out; leaf depths into depths; False if a
        node's size or order is wrong."""
        if x is not self.root and not (ORDER - 1 <= len(x.keys) <= 2 * ORDER - 1):
            return False
        if x.leaf:
            depths.add(depth)
            out.extend(x.keys)
            return True
        if len(x.kids) != len(x.keys) + 1:
            return False
        for i, kid in enumerate(x.kids):
            if not self.walk(kid, depth + 1, out, depths):
                return False
            if i < len(x.keys):
                out.append(x.keys[i])
        return True


TREE = BTree()
for _k in range(PREFILL):
    TREE.insert(2 * _k)
LOCK = threading.Lock()


def work(tid, size, nthreads):
    rng = random.Random(100 + tid)
    found = own_seen = 0
    mine = []
    for i in range(size):
        if i % WRITE_EVERY == WRITE_EVERY - 1:
            key = 2 * (PREFILL + tid * size + len(mine)) + 1
            with LOCK:
                TREE.insert(key)
                own_seen += TREE.find(key)
            mine.append(key)
        else:
            key = 2 * rng.randrange(PREFILL)
            with LOCK:
                found += TREE.find(key)
    return found, own_seen, mine


def check(results, size, nthreads):
    lookups = size - size // WRITE_EVERY
    inserted = []
    for tid, (found, own_seen, mine) in enumerate(results):
        if found != lookups:
            return "thread %d found %d of %d prefilled keys" % (tid, found, lookups)
        if own_seen != len(mine):
            return "thread %d saw %d of its %d inserts" % (tid, own_seen, len(mine))
        inserted += mine
    keys, depths = [], set()
    if not TREE.walk(TREE.root, 0, keys, depths) or len(depths) != 1:
        return "the B-tree's node sizes or leaf depths are wrong"
    if keys != sorted([2 * k for k in range(PREFILL)] + inserted):
        return "the B-tree does not hold exactly the expected keys in order"
    return None


_wl.main("btree", 2000, work, check)
