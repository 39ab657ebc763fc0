# Stress: a shared skip list under one Lock, 99% lookups. Each thread
# inserts and deletes only its own keys (so the final contents are known)
# and looks up everyone's; a lookup of a key that is never deleted must
# always succeed. The final list is sorted and holds exactly the expected keys.
# usage: skiplist.py THREADS SCALE
import sys, threading, random
T, S = int(sys.argv[1]), int(sys.argv[2])
MAXLV = 12
class Node:
    __slots__ = ("key", "next")
    def __init__(self, key, lv):
        self.key = key
        self.next = [None] * lv
head = Node(-1, MAXLV)
lock = threading.Lock()
def find(key):
    x = head
    for lv in range(MAXLV - 1, -1, -1):
        while x.next[lv] is not None and x.next[lv].key < key:
            x = x.next[lv]
    x = x.next[0]
    return x is not None and x.key == key
def insert(key, rnd):
    upd = [head] * MAXLV
    x = head
    for lv in range(MAXLV - 1, -1, -1):
        while x.next[lv] is not None and x.next[lv].key < key:
            x = x.next[lv]
        upd[lv] = x
    if x.next[0] is not None and x.next[0].key == key:
        return
    lv = 1
    while lv < MAXLV and rnd.random() < 0.5:
        lv += 1
    n = Node(key, lv)
    for i in range(lv):
        n.next[i] = upd[i].next[i]
        upd[i].next[i] = n
def delete(key):
    upd = [head] * MAXLV
    x = head
    for lv in range(MAXLV - 1, -1, -1):
        while x.next[lv] is not None and x.next[lv].key < key:
            x = x.next[lv]
        upd[lv] = x
    x = x.next[0]
    if x is None or x.key != key:
        return
    for i in range(len(x.next)):
        if upd[i].next[i] is x:
            upd[i].next[i] = x.next[i]
# stable keys (never deleted): multiples of 10
rnd0 = random.Random(99)
for k in range(0, 2000, 10):
    insert(k, rnd0)
missing = []
def work(t):
    rnd = random.Random(t)
    mine = []
    for i in range(2000 * S):
        if rnd.random() < 0.01:
            k = 10 * rnd.randrange(200) + 1 + t % 9
            with lock:
                if mine and rnd.random() < 0.5:
                    delete(mine.pop())
                else:
                    insert(k, rnd)
                    mine.append(k)
        else:
            k = 10 * rnd.randrange(200)
            with lock:
                if not find(k):
                    missing.append(k)
    with lock:
        for k in mine:
            delete(k)
ts = [threading.Thread(target=work, args=(t,)) for t in range(T)]
for t in ts: t.start()
for t in ts: t.join()
keys = []
x = head.next[0]
while x is not None:
    keys.append(x.key)
    x = x.next[0]
ok = not missing and keys == list(range(0, 2000, 10))
print("OK" if ok else "FAIL", len(keys), missing[:3])
sys.exit(0 if ok else 1)
