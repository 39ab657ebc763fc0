class P:
    __slots__ = ("x", "y")
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
p.x = 10
print(p.x, p.y)
class Q:
    pass
q = Q()
q.a = 1
setattr(q, "b", 2)
print(q.a, getattr(q, "b"), hasattr(q, "c"), getattr(q, "c", "dflt"), sorted(q.__dict__.items()), sorted(q.__dict__))
delattr(q, "a")
print(hasattr(q, "a"))
try:
    q.zzz
except AttributeError as e:
    print("AttributeError:", e)
class Dyn:
    def __getattr__(self, name):
        return "dyn_" + name
d = Dyn()
d.real = "r"
print(d.real, d.anything)
