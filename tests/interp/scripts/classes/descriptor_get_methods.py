# functions, staticmethods and classmethods are descriptors: they have __get__
def f(self):
    return "f of %s" % type(self).__name__

class A:
    m = f
    @staticmethod
    def s():
        return "static"
    @classmethod
    def c(cls):
        return "class " + cls.__name__

print(hasattr(f, "__get__"), hasattr(A.__dict__["s"], "__get__"), hasattr(A.__dict__["c"], "__get__"))
print(f.__get__(A(), A)(), f.__get__(None, A) is f)
print(A.__dict__["s"].__get__(None, A)(), A.__dict__["c"].__get__(None, A)(), A.__dict__["c"].__get__(A())())
bound = A.__dict__["m"].__get__(A())
print(bound(), bound.__self__.__class__.__name__)
print(hasattr(len, "__get__"), callable(getattr(property(f), "__get__", None)))
