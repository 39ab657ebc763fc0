# enum.Flag and IntFlag: composite names, ~, iteration of a flag value, STRICT errors, the class repr
from enum import Flag, IntFlag, Enum, auto
class Perm(Flag):
    R = 4
    W = 2
    X = 1
class P2(IntFlag):
    A = 1
    B = 2
print(repr(~P2.A), repr(P2.A | 4), repr(~Perm.R), repr(Perm.R|Perm.X), list(Perm.R|Perm.W), len(Perm.R|Perm.W))
try: Perm(8)
except ValueError as e: print(e)
class C(Flag):
    A = 1; B = 2; C = 4; AB = 3
print(list(C), C.AB, C(3), C.A | C.B, repr(C(7)), C.__members__.keys())
print(repr(P2(0)), str(P2(0)), repr(~P2(0)), P2.A in P2(3))
print(repr(Perm), type(Perm).__name__, repr(Enum))
try: 1 in Perm
except TypeError as e: print(e)
