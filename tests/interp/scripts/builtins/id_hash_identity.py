a = [1, 2]
b = a
c = [1, 2]
print(id(a) == id(b), id(a) == id(c), a is b, a is c, a == c)
print(hash(1) == hash(1), hash("x") == hash("x"), hash((1, "a")) == hash((1, "a")), hash(1.5) == hash(1.5))
print(hash(-1) == hash(-2), hash(0) == hash(0.0) == hash(False), hash(2 ** 61 - 1) == 0)
class C:
    pass
o1, o2 = C(), C()
print(o1 is o2, o1 == o2, hash(o1) == hash(o1), {o1: 1}.get(o1), {o1: 1}.get(o2))
x = None
print(x is None, x == None, type(x) is type(None))
