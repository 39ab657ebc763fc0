import math
print(math.pi, math.e, math.tau, math.inf, -math.inf)
print(math.sqrt(2), math.sqrt(16), math.exp(1), math.log(math.e), math.log(8, 2), math.log10(1000), math.log2(1024))
print(math.sin(0), math.cos(0), math.tan(0), math.atan2(1, 1), math.degrees(math.pi), math.radians(180))
print(math.floor(2.7), math.ceil(2.1), math.floor(-2.7), math.ceil(-2.1), math.trunc(-2.7))
print(math.fabs(-3), math.gcd(12, 18), math.factorial(20), math.hypot(3, 4), math.copysign(1, -0.0))
print(math.isclose(0.1 + 0.2, 0.3), math.fsum([0.1] * 10), math.pow(2, 10), math.fmod(7, 3), math.fmod(-7, 3))
print(math.comb(10, 3), math.perm(5, 2), math.isqrt(99), math.modf(2.5), math.frexp(8.0), math.ldexp(0.5, 4))
print(math.floor(10 ** 20 + 0.0), type(math.floor(2.5)).__name__, math.prod([1, 2, 3, 4]) if hasattr(math, "prod") else 24)
try:
    math.sqrt(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    math.log(0)
except ValueError as e:
    print("ValueError:", e)
