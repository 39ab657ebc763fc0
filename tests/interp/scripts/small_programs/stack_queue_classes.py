class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
    def pop(self):
        if not self._items:
            raise IndexError("empty stack")
        return self._items.pop()
    def peek(self):
        return self._items[-1]
    def __len__(self):
        return len(self._items)
    def __bool__(self):
        return bool(self._items)
def balanced(s):
    pairs = {")": "(", "]": "[", "}": "{"}
    st = Stack()
    for c in s:
        if c in "([{":
            st.push(c)
        elif c in pairs:
            if not st or st.pop() != pairs[c]:
                return False
    return not st
for s in ["([]{})", "([)]", "((", "", "{[()()]}", "}"]:
    print(repr(s), balanced(s))
def rpn(expr):
    st = Stack()
    for tok in expr.split():
        if tok in "+-*/":
            b, a = st.pop(), st.pop()
            st.push({"+": a + b, "-": a - b, "*": a * b, "/": a / b}[tok])
        else:
            st.push(float(tok) if "." in tok else int(tok))
    return st.pop()
print(rpn("3 4 + 2 *"), rpn("5 1 2 + 4 * + 3 -"), rpn("2.5 2 /"))
class Queue:
    def __init__(self):
        self.inbox, self.outbox = [], []
    def put(self, x):
        self.inbox.append(x)
    def get(self):
        if not self.outbox:
            while self.inbox:
                self.outbox.append(self.inbox.pop())
        return self.outbox.pop()
q = Queue()
for i in range(5):
    q.put(i)
print([q.get() for _ in range(3)])
q.put(99)
print([q.get() for _ in range(3)])
