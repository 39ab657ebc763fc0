print(int("  42  "), int("-0"), int("+17"), int("1_000_000"), int(3.99), int(-3.99), int(True))
for s in ["12a", "", " ", "1.5", "0x10"]:
    try:
        int(s)
    except ValueError as e:
        print("ValueError:", e)
print(str(-0), repr(10 ** 20), format(255, "x"), "%d" % 42, "%05d" % -42)
print(int("12", base=5), int("Z", 36), int("-z", 36))
print(float(7), 7 / 2, 8 / 2, type(8 / 2).__name__, -7 / 2)
print(round(7), round(2.5), round(3.5), round(-2.5), round(1234, -2), round(1250, -2), round(1350, -2))
print(abs(-7), abs(7), divmod(17, 5), max(3, 9, 2), min(3, 9, 2))
print(bool(0), bool(-1), 1 == 1.0, 2 ** 53 + 1 == float(2 ** 53 + 1), hash(1) == hash(1.0))
print(True + True, True * 10, -True, False ** 0)
print((10).to_bytes(2, "big") if hasattr(10, "to_bytes") else "no", (42).__index__() if hasattr(42, "__index__") else 42)
