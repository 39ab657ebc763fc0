class A: pass
class B(A): pass
class C: pass
objs = [A(), B(), C(), 1, "s", [1], None, 2.0, True]
for o in objs:
    print(type(o).__name__, isinstance(o, A), isinstance(o, (int, str)), isinstance(o, object))
print(issubclass(bool, int), issubclass(B, (C, A)), type(3) is int, type(True) is bool, type(None).__name__)
print(isinstance(3, float), isinstance(3.0, (int, float)), type([]) == list, type({}) is dict)
print(int, str, A.__name__, B.__base__.__name__ if hasattr(B, "__base__") else "A")
