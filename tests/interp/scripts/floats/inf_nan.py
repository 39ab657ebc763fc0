inf = float("inf")
nan = float("nan")
print(inf, -inf, nan, float("-inf"), float("Infinity"), float("NaN"))
print(inf > 1e308, -inf < -1e308, inf == inf, nan == nan, nan != nan, nan < 1, nan > 1)
print(inf + 1, inf - inf, inf * 0, 1 / inf, -1 / inf, inf * -1)
print(1e308 * 10, -1e308 * 10, 2.0 ** 1023 * 2)
import math
print(math.isinf(inf), math.isnan(nan), math.isfinite(1.0), math.isfinite(inf))
print([x for x in [1.0, nan, 2.0] if x == x])
print(max(1.0, inf), min(-inf, 5), sorted([3.0, -inf, inf, 0.0]))
try:
    int(inf)
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(nan)
except ValueError as e:
    print("ValueError:", e)
try:
    2.0 ** 10000
except OverflowError as e:
    print("OverflowError:", e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
