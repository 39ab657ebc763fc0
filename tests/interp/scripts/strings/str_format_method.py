print("{} {} {}".format(1, "a", 2.5), "{0} {1} {0}".format("x", "y"), "{a}-{b}".format(a=1, b=2))
print("{:>8}|{:<8}|{:^8}|{:*^9}|".format("r", "l", "c", "s"))
print("{:d} {:5d} {:05d} {:x} {:o} {:b} {:#x} {:,} {:_b}".format(42, 42, 42, 255, 8, 5, 255, 1234567, 255))
print("{:.2f} {:e} {:g} {:%} {:10.3f}|".format(3.14159, 1234.5, 0.00001, 0.25, 2.0))
print("{0[0]} {0[1]} {1[k]} {2.real}".format([7, 8], {"k": "v"}, 3))
print("{!r} {!s}".format("s", "s"), "{{}} {}".format(5), "{:>{w}}".format("x", w=4))
class P:
    def __init__(self):
        self.x, self.y = 1, 2
print("{p.x},{p.y}".format(p=P()))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print("KeyError:", e)
try:
    "{:d}".format(1.5)
except ValueError as e:
    print("ValueError:", e)
