def f(a, b=1):
    "docstring here"
    return a
print(f.__name__, f.__doc__, callable(f), callable(5), callable(len), callable(lambda: 0))
f.custom = 42
print(f.custom, getattr(f, "missing", "none"), hasattr(f, "custom"))
def g():
    pass
print(g(), g.__name__, (lambda: 0).__name__)
class C:
    def m(self):
        return self
c = C()
print(c.m() is c, C.m(c) is c, callable(c.m), type(f).__name__)
