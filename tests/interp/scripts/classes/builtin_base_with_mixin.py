# a builtin base (int, str, float) plus a mixin: the mixin supplies what the builtin does not define; format() of float subclasses
class E:
    def __repr__(self): return "E-repr"
    def __str__(self): return "E-str"
    def hello(self): return "hi"
class IE(int, E):
    pass
class Sub(IE): pass
print(IE.__mro__, Sub.__mro__)
x = int.__new__(Sub, 5)
print(repr(x), str(x), x.hello(), x + 1, f"{x}", format(x, '03d'), "%s %d %r" % (x, x, x))
class SE(str, E): pass
y = str.__new__(SE, "ab")
print(repr(y), str(y), y.upper(), f"{y}", y + "c", y == "ab", len(y))
class F(float): 
    def __repr__(self): return "F!"
print(repr(F(1.5)), str(F(1.5)), f"{F(1.5)}", F(1.5) * 2)
class I2(int):
    def __str__(self): return "I2-str"
print(I2(3), f"{I2(3)}", "%s" % I2(3), str(I2(3)), repr(I2(3)), format(I2(3)), "{}".format(I2(3)))
