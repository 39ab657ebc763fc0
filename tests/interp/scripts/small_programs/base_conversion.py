DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"
def to_base(n, b):
    if n == 0:
        return "0"
    sign, n = ("-", -n) if n < 0 else ("", n)
    out = []
    while n:
        n, r = divmod(n, b)
        out.append(DIGITS[r])
    return sign + "".join(reversed(out))
def from_base(s, b):
    sign = -1 if s.startswith("-") else 1
    v = 0
    for ch in s.lstrip("-"):
        v = v * b + DIGITS.index(ch)
    return sign * v
for n in [0, 5, 255, -255, 2 ** 64, 123456789]:
    row = [to_base(n, b) for b in (2, 8, 16, 36)]
    print(n, row, [from_base(s, b) == n for s, b in zip(row, (2, 8, 16, 36))])
print(to_base(255, 16) == hex(255)[2:], to_base(-8, 2) == bin(-8).replace("0b", ""), int(to_base(10 ** 30, 7), 7) == 10 ** 30)
print([format(ord(c), "08b") for c in "Hi!"])
