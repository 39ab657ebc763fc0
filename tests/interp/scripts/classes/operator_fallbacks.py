class Money:
    def __init__(self, cents):
        self.cents = cents
    def __add__(self, other):
        if isinstance(other, Money):
            return Money(self.cents + other.cents)
        if isinstance(other, int):
            return Money(self.cents + other)
        return NotImplemented
    __radd__ = __add__
    def __iadd__(self, other):
        self.cents += other.cents if isinstance(other, Money) else other
        return self
    def __lt__(self, o):
        return self.cents < o.cents
    def __le__(self, o):
        return self.cents <= o.cents
    def __repr__(self):
        return "$%d.%02d" % divmod(self.cents, 100)
m = Money(150)
print(m + Money(75), m + 5, 5 + m, sum([Money(1), Money(2)]))
before = m
m += 50
print(m, before is m, m > Money(10), Money(1) >= Money(1))
try:
    m + "x"
except TypeError as e:
    print("TypeError:", e)
try:
    m * 2
except TypeError as e:
    print("TypeError:", e)
