# Arbitrary precision: growth past 64 bits, mixing small and big values.
a = 2 ** 64
print(a, a - 1, a + 1, -a)
print(2 ** 100, 3 ** 50, 7 ** 77 % 1000003)
f = 1
for i in range(1, 31):
    f *= i
print("30! =", f)
print(f // (2 ** 20), f % 999983, -f // 7, -f % 7)
print(10 ** 30 // 10 ** 15, (10 ** 30 + 1) % 10 ** 15)
x = 123456789123456789123456789
y = 987654321987654321
print(x * y, x // y, x % y, divmod(x, -y))
print(x - x, (x + 1) - x, x == x + 0, x < x + 1, x > -x)
print(abs(-x), -(-x), +x)
print(int("123456789012345678901234567890") + 1)
print(len(str(2 ** 1000)), str(2 ** 1000)[:20])
print(hash(2**61 - 1) == hash(0), hash(12345) == 12345)
