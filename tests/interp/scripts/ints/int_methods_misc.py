print((-17).__abs__(), (17).__neg__(), int.__add__(3, 4))
print((1024).bit_length(), (5).conjugate() if hasattr(5, "conjugate") else 5)
n = 0
for i in range(100):
    n += i * i
print(n)
n = 10
n -= 3; n *= 4; n //= 3; n %= 5; n <<= 4; n >>= 1; n |= 1; n ^= 0xff; n &= 0x7f
print(n)
print(sum([1, 2, 3], 10), sum(x * x for x in range(5)))
print(list(range(-10, 10, 3)), list(range(10, -10, -4)), len(range(0, 10 ** 6, 3)), range(0, 10 ** 20, 3)[-1])
print(range(5)[2], range(0, 20, 5)[-1], list(range(20)[3:15:4]), 7 in range(1, 10, 2))
print(range(3) == range(0, 3), repr(range(1, 5)), repr(range(0, 10, 2)))
