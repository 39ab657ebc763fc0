for x in [2.5, 3.5, -2.5, 0.5, 1.5, 2.675, 1.005, 0.125, 0.375, 1234.5678, -0.001]:
    print(x, round(x), round(x, 1), round(x, 2), round(x, -1), round(x, -2))
print(round(1e300, -299), round(123.456, 5), round(1 / 3, 15), round(5e-324, 330))
print(type(round(2.5)).__name__, type(round(2.5, 0)).__name__, round(2.5, 0))
print(round(-0.4), round(0.49999999999999994), round(1e16 + 1))
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    round(float("nan"))
except ValueError as e:
    print("ValueError:", e)
