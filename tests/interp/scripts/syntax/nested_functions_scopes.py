x = "global"
def outer():
    x = "outer"
    def inner():
        nonlocal x
        x = "changed by inner"
        def innermost():
            return x
        return innermost()
    r = inner()
    return x, r
print(outer(), x)
def counter_factory():
    counts = {"calls": 0}
    def call():
        counts["calls"] += 1
        return counts["calls"]
    return call
c = counter_factory()
c(); c()
print(c())
def set_global():
    global x
    x = "set by function"
set_global()
print(x)
class Scope:
    y = 10
    z = [y * i for i in range(3)] if False else None
    def method(self):
        return self.y
print(Scope().method(), Scope.z)
def gen_closure():
    for i in range(3):
        def f():
            return i
        yield f
print([f() for f in gen_closure()], [f() for f in list(gen_closure())])
