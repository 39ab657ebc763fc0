class Node:
    def __init__(self, key):
        self.key, self.left, self.right = key, None, None
class BST:
    def __init__(self):
        self.root, self.size = None, 0
    def insert(self, key):
        if self.root is None:
            self.root = Node(key)
        else:
            cur = self.root
            while True:
                if key == cur.key:
                    return False
                nxt = "left" if key < cur.key else "right"
                if getattr(cur, nxt) is None:
                    setattr(cur, nxt, Node(key))
                    break
                cur = getattr(cur, nxt)
        self.size += 1
        return True
    def __contains__(self, key):
        cur = self.root
        while cur:
            if key == cur.key:
                return True
            cur = cur.left if key < cur.key else cur.right
        return False
    def __iter__(self):
        def walk(n):
            if n:
                yield from walk(n.left)
                yield n.key
                yield from walk(n.right)
        return walk(self.root)
    def height(self, n="root"):
        n = self.root if n == "root" else n
        return 0 if n is None else 1 + max(self.height(n.left), self.height(n.right))
    def delete(self, key):
        def rec(n, key):
            if n is None:
                raise KeyError(key)
            if key < n.key:
                n.left = rec(n.left, key)
            elif key > n.key:
                n.right = rec(n.right, key)
            else:
                if n.left is None:
                    return n.right
                if n.right is None:
                    return n.left
                succ = n.right
                while succ.left:
                    succ = succ.left
                n.key = succ.key
                n.right = rec(n.right, succ.key)
            return n
        self.root = rec(self.root, key)
        self.size -= 1
t = BST()
for k in [50, 30, 70, 20, 40, 60, 80, 35, 45, 65, 30]:
    t.insert(k)
print(list(t), t.size, t.height(), 45 in t, 99 in t)
for k in [20, 30, 50]:
    t.delete(k)
    print("deleted", k, list(t), t.height())
try:
    t.delete(1234)
except KeyError as e:
    print("KeyError", e)
