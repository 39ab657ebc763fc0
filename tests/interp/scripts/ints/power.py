print(2 ** 10, 2 ** 0, 0 ** 0, (-2) ** 3, (-2) ** 4, -2 ** 2)
print(2 ** -1, 10 ** -3, (-8) ** -1)
print(pow(2, 10), pow(2, 10, 1000), pow(3, 200, 1000000007), pow(-3, 3, 7))
print(pow(7, -1, 13), pow(2, 100, 2 ** 61 - 1))
print(2.0 ** 0.5, 4 ** 0.5, 9 ** 0.5)
print(2 ** 3 ** 2, (2 ** 3) ** 2)
x = 5
x **= 3
print(x)
print(pow(10, 20), 10 ** 20 == pow(10, 20))
try:
    pow(2, 5, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    0 ** -1
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
