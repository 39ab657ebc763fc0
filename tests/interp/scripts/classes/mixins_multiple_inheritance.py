# Beyond the single inheritance: mixins and a diamond, as programs
# by others use them; method resolution must follow CPython's C3 order.
class JsonMixin:
    def to_json(self):
        items = ", ".join('"%s": %r' % (k, v) for k, v in sorted(self.__dict__.items()))
        return "{" + items + "}"
class ReprMixin:
    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join("%s=%r" % kv for kv in sorted(self.__dict__.items())))
class Base:
    def __init__(self, **kw):
        self.__dict__.update(kw)
    def hello(self):
        return "Base.hello"
class Point(JsonMixin, ReprMixin, Base):
    pass
p = Point(x=1, y=2)
print(p, p.to_json(), p.hello(), [c.__name__ for c in Point.__mro__])
class A:
    def who(self):
        return ["A"]
class B(A):
    def who(self):
        return ["B"] + super().who()
class C(A):
    def who(self):
        return ["C"] + super().who()
class D(B, C):
    def who(self):
        return ["D"] + super().who()
print(D().who(), [k.__name__ for k in D.__mro__], isinstance(D(), C), issubclass(D, A))
