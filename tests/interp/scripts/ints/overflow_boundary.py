# Values around the machine-word boundaries must not wrap.
M = 2 ** 63 - 1
print(M, M + 1, -M - 1, -M - 2, M * 2, M * M)
print((-M - 1) // -1, abs(-M - 1), -(-M - 1))
print(2 ** 62 + 2 ** 62, 2 ** 31 * 2 ** 32, 4611686018427387904 * 2)
x = 1
for i in range(70):
    x = x * 2
print(x, x.bit_length())
y = M
y += 1
print(y, y - 1 == M, type(y).__name__)
print(sum(range(10 ** 6)), sum([M, M, M]))
print(int(1e20), int(-1e20), int(2.5), int(-2.5), int(1e300) % 1000)
print(M // 3, M % 1000, (M + 1) % 1000)
print(-(2 ** 64) // 3, (2 ** 64) // -3)
