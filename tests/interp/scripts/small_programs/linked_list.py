class LinkedList:
    class _Node:
        __slots__ = ("value", "next")
        def __init__(self, value, nxt=None):
            self.value, self.next = value, nxt
    def __init__(self, items=()):
        self.head = None
        self._len = 0
        for x in reversed(list(items)):
            self.push(x)
    def push(self, v):
        self.head = self._Node(v, self.head)
        self._len += 1
    def pop(self):
        if not self.head:
            raise IndexError("pop from empty LinkedList")
        v, self.head = self.head.value, self.head.next
        self._len -= 1
        return v
    def __len__(self):
        return self._len
    def __iter__(self):
        n = self.head
        while n:
            yield n.value
            n = n.next
    def reverse(self):
        prev, cur = None, self.head
        while cur:
            cur.next, prev, cur = prev, cur, cur.next
        self.head = prev
    def __repr__(self):
        return "LinkedList([" + ", ".join(map(repr, self)) + "])"
    def __getitem__(self, i):
        if i < 0:
            i += len(self)
        for j, v in enumerate(self):
            if j == i:
                return v
        raise IndexError("index out of range")
ll = LinkedList([1, 2, 3, 4])
ll.push(0)
print(ll, len(ll), ll[2], ll[-1], list(ll))
ll.reverse()
print(ll, ll.pop(), ll, 3 in ll, sum(ll))
try:
    LinkedList().pop()
except IndexError as e:
    print("IndexError:", e)
