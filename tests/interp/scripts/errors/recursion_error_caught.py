import sys
def infinite(n):
    return infinite(n + 1) + 1
try:
    infinite(0)
except RecursionError as e:
    print("RecursionError caught:", "maximum recursion depth exceeded" in str(e))
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print(deep(500))
class Node:
    def __init__(self, nxt):
        self.nxt = nxt
    def length(self):
        return 1 + (self.nxt.length() if self.nxt else 0)
n = None
for i in range(100000):
    n = Node(n)
try:
    n.length()
except RecursionError:
    print("method recursion caught")
print("still alive", deep(100))
def mutual_a(n):
    return mutual_b(n)
def mutual_b(n):
    return mutual_a(n)
try:
    mutual_a(1)
except RecursionError:
    print("mutual recursion caught")
