print(0.1 + 0.2, 0.1 * 3, 1 - 0.9, 7 / 3, -7 / 3, 2 ** 0.5, 10 / 4)
print(3.0 // 2, -3.0 // 2, 3.5 % 1, -3.5 % 1, 5 % 0.3, divmod(5.5, 2))
print(1e308 + 1e308, 1e-320 / 10, 1.0 - 1e-17 == 1.0)
print(float("1.5"), float("  -2.25 "), float("1e3"), float("-.5"), float(".5e-2"), float("1_000.5"))
print(int(3.7), int(-3.7), float(10 ** 20), float(2 ** 63))
print((0.5).is_integer(), (2.0).is_integer(), (0.25).as_integer_ratio(), (2.5).hex())
print(abs(-2.5), -(-2.5), +1.5, 3 * 1.1, 1.1 * 3)
s = 0.0
for i in range(1000):
    s += 0.001
print(s, sum([0.1] * 10), sum([1e100, 1.0, -1e100]))
print(1.5 == 1.5, 1.5 < 2, 2 > 1.9999999, 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9)
try:
    float("abc")
except ValueError as e:
    print("ValueError:", e)
