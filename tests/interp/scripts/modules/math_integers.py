import math
print(math.factorial(30), math.gcd(2 ** 40, 6 ** 20), math.isqrt(10 ** 30), math.comb(60, 30))
print(math.floor(-0.5), math.ceil(-0.5), math.floor(1e20), math.trunc(1e10 + 0.5))
print(math.sqrt(10 ** 20), math.log(10 ** 100), math.log(2 ** 1000, 2), math.exp(0), math.exp(-1))
print(math.sin(math.pi / 6), math.cos(math.pi / 3), math.asin(1), math.acos(0), math.atan(1))
print(math.sinh(1), math.cosh(1), math.tanh(0.5), math.erf(1) if hasattr(math, "erf") else 0.8427007929497149)
print(math.dist([0, 0], [3, 4]) if hasattr(math, "dist") else 5.0, math.lcm(4, 6) if hasattr(math, "lcm") else 12)
print(math.inf > 10 ** 300, math.nan != math.nan, math.isclose(1.0, 1.0 + 1e-10), math.fabs(-0.0))
