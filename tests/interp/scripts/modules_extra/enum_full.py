# enum as in CPython 3.11: IntEnum/StrEnum str and format, Flag composites, mixins, aliases, auto, functional API
from enum import Enum, IntEnum, Flag, IntFlag, auto, unique
import enum
class Num(IntEnum):
    ONE = 1
    TWO = 2
print(Num.TWO > Num.ONE, sorted([Num.TWO, Num.ONE]), int(Num.TWO), f"{Num.ONE}", str(Num.ONE), repr(Num.ONE), Num.ONE + 1, Num(2), "%s %d" % (Num.ONE, Num.TWO), format(Num.ONE, '03d'))
print(Num.ONE == 1, hash(Num.ONE) == hash(1), {1: 'a'}[Num.ONE], [10, 20, 30][Num.TWO], Num.ONE in [1], isinstance(Num.ONE, int))
class Perm(Flag):
    R = 4
    W = 2
    X = 1
rw = Perm.R | Perm.W
print(rw, repr(rw), Perm.R in rw, Perm.X in rw, bool(Perm.R & Perm.X), repr(Perm.R & Perm.X), rw.value, Perm(6), Perm(0), list(Perm))
print(rw & Perm.R, ~Perm.R, Perm.R ^ Perm.W, bool(rw), rw == Perm(6), rw.name)
class P2(IntFlag):
    A = 1
    B = 2
print(P2.A | P2.B, repr(P2.A | P2.B), int(P2.A | P2.B), P2.A | 4, P2.A + 1, str(P2.A))
class C(str, Enum):
    A = "a"
    B = "b"
print(C.A, repr(C.A), C.A == "a", f"{C.A}", C("b"), C.A.upper(), C.A.value)
class Planet(Enum):
    MERCURY = (3.303e+23, 2.4397e6)
    EARTH = (5.976e+24, 6.37814e6)
    def __init__(self, mass, radius):
        self.mass = mass
        self.radius = radius
    @property
    def surface_gravity(self):
        return 6.673e-11 * self.mass / (self.radius * self.radius)
print(Planet.EARTH, Planet.EARTH.value, Planet.EARTH.mass, round(Planet.EARTH.surface_gravity, 3))
class Auto(Enum):
    A = auto()
    B = auto()
    C = 10
    D = auto()
print(list(Auto), [m.value for m in Auto], Auto.__members__.keys() if False else list(Auto.__members__))
try: Auto(99)
except ValueError as e: print(e)
try: Auto['Z']
except KeyError as e: print(repr(e))
class Al(Enum):
    A = 1
    B = 1
print(list(Al), Al.B, Al(1), Al.B is Al.A)
Animal = Enum('Animal', 'ANT BEE CAT')
print(list(Animal), Animal.BEE.value, Animal(3))
A2 = Enum('A2', ['X', 'Y'])
print(A2.X, A2.Y.value)
class Sz(Enum):
    S = 1
    L = 2
    @classmethod
    def biggest(cls): return max(cls, key=lambda m: m.value)
    def __str__(self): return self.name.lower()
print(Sz.biggest(), str(Sz.S), f"{Sz.L}", [str(s) for s in Sz])
print(Color := None)
try:
    Sz.S < Sz.L
except TypeError as e: print(e)
print(Sz.S.__class__.__name__, type(Sz.S) is Sz, isinstance(Sz.S, Enum), Sz.S in Sz)
class St(enum.StrEnum):
    X = "x"
    Y = auto()
print(St.X, repr(St.Y), St.X + "!", f"{St.Y}")
class Wd(Enum):
    MON = 1
    TUE = 2
    def next(self):
        members = list(self.__class__)
        return members[(members.index(self) + 1) % len(members)]
print(Wd.MON.next(), Wd.TUE.next(), Wd.MON.name, sorted(Wd, key=lambda w: -w.value))
