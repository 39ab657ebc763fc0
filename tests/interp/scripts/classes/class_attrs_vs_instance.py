class Counter:
    instances = 0
    shared = []
    def __init__(self):
        Counter.instances += 1
        self.own = []
a, b = Counter(), Counter()
a.shared.append(1)
a.own.append(1)
print(Counter.instances, b.shared, b.own, a.instances)
a.instances = 100
print(a.instances, b.instances, Counter.instances)
class Base:
    def hello(self):
        return "base " + self.name()
    def name(self):
        return "Base"
class Child(Base):
    def name(self):
        return "Child"
print(Child().hello(), Base().hello())
print(Child.hello is Base.hello, hasattr(Child, "name"), "hello" in Base.__dict__, "hello" in Child.__dict__)
