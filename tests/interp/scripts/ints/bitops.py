a, b = 0b1100, 0b1010
print(a & b, a | b, a ^ b, ~a, a << 3, a >> 2)
print(-1 >> 10, -256 >> 4, -1 << 70, 1 << 100, (1 << 100) >> 99)
print(~0, ~-1, ~(2 ** 70))
print(-12 & 0xff, -12 | 3, -12 ^ 5, (2 ** 80 - 1) & (2 ** 40 + 5))
print(bin(a), oct(64), hex(255), hex(-255), bin(-5), bin(0))
print((255).bit_length(), (0).bit_length(), (-(2 ** 70)).bit_length())
print(int("ff", 16), int("0x1F", 16), int("777", 8), int("-101", 2), int("z", 36), int("0b11", 0))
x = 1
for i in range(10):
    x |= x << 3
print(x)
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
