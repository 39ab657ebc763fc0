registry = {}
def register(cls):
    registry[cls.__name__.lower()] = cls
    return cls
@register
class Circle:
    pass
@register
class Square:
    pass
print(sorted(registry), registry["circle"] is Circle)
class Frozen:
    def __init__(self, **kw):
        for k, v in kw.items():
            object.__setattr__(self, k, v)
    def __setattr__(self, name, value):
        raise AttributeError("Frozen is read-only: %s" % name)
f = Frozen(a=1)
try:
    f.a = 2
except AttributeError as e:
    print(e, f.a)
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        if spec == "short":
            return "$%d" % (self.cents // 100)
        return format(self.cents / 100, spec or ".2f")
    def __str__(self):
        return format(self, "")
m = Money(123456)
print(f"{m} {m:short} {m:>12,.2f}|", "{:short}".format(m), str(m), format(m, ".1f"))
class Tracked:
    created = []
    def __init_subclass__(cls, **kw):
        super().__init_subclass__(**kw)
        Tracked.created.append(cls.__name__)
class One(Tracked): pass
class Two(One): pass
print(Tracked.created)
