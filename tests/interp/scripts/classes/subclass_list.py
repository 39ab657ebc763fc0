class Stack(list):
    def push(self, x):
        self.append(x)
    def peek(self):
        return self[-1]
s = Stack([1, 2])
s.push(3)
print(s, len(s), s.peek(), s.pop(), s, isinstance(s, list), type(s).__name__, sum(s))
s.extend([9, 8])
s.sort()
print(s, s[1:], type(s[1:]).__name__, s + [0])
class TypedList(list):
    def __init__(self, kind, items=()):
        super().__init__()
        self.kind = kind
        for i in items:
            self.append(i)
    def append(self, x):
        if not isinstance(x, self.kind):
            raise TypeError("need %s" % self.kind.__name__)
        super().append(x)
t = TypedList(int, [1, 2])
t.append(3)
print(t, t.kind.__name__)
try:
    t.append("x")
except TypeError as e:
    print("TypeError:", e)
