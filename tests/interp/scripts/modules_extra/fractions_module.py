# fractions.Fraction: construction (ints, str, float), arithmetic with int/float, comparisons, hash, rounding
from fractions import Fraction as F
import math
a, b = F(3, 4), F(5, 6)
print(a + b, a - b, a * b, a / b, a // b, a % b, divmod(a, b), a ** 2, a ** -2, -a, abs(-a), +a)
print(repr(a), str(F(4, 2)), F('3/7'), F('1.25'), F('-2e-2'), F(0.5), F(1.1).limit_denominator(100), F(10, -4))
print(a == 0.75, a < b, a > 0.7, a == F(6, 8), 1 + a, 2 * a, 1 / a, a + 0.25, 2 ** F(1, 2), F(1, 3) ** F(2))
print(float(a), int(F(-7, 2)), math.floor(F(-7, 2)), math.ceil(F(-7, 2)), round(F(5, 2)), round(F(7, 2)), round(F(22, 7), 3), math.trunc(F(-7, 2)))
print(hash(F(1, 2)) == hash(0.5), hash(F(3)) == hash(3), hash(F(1, 3)), {F(1, 2): 'x'}[F(2, 4)], sorted([F(1, 3), F(1, 4), F(1, 2)]))
print(sum(F(1, n) for n in range(1, 11)), F(1, 3).numerator, F(1, 3).denominator, F(3, 9).as_integer_ratio(), F.from_float(0.1), bool(F(0)))
try: F(1, 0)
except ZeroDivisionError as e: print(e)
try: F('abc')
except ValueError as e: print(e)
print(max(F(1, 2), 0.6), min(F(7, 3), 2), F(7, 3) > 2, isinstance(F(1), F), F(1, 2) != F(1, 3))
