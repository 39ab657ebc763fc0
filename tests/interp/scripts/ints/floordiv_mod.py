# Floor division and modulo take the sign of the divisor, as Python does.
pairs = [(7, 2), (-7, 2), (7, -2), (-7, -2), (0, 3), (1, 1), (-1, 3), (13, -5)]
for a, b in pairs:
    print(a, b, a // b, a % b, divmod(a, b))
big = 10 ** 25 + 3
for a, b in [(big, 7), (-big, 7), (big, -7), (-big, -big + 1)]:
    print(a // b, a % b)
print(7.5 // 2, -7.5 // 2, 7.5 % 2, -7.5 % 2, 7 % -2.5)
print(divmod(-7.5, 2))
try:
    print(1 // 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(1 % 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    print(divmod(5, 0))
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
