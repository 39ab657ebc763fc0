print("%8s %8s %8s" % ("C", "F", "K"))
for c in range(-40, 101, 20):
    f = c * 9 / 5 + 32
    print("%8.1f %8.1f %8.2f" % (c, f, c + 273.15))
print("{:>8} | {:<10} | {:^9}".format("name", "value", "unit"))
for name, value, unit in [("pi", 3.14159, "rad"), ("g", 9.80665, "m/s^2"), ("c", 299792458, "m/s")]:
    print("{:>8} | {:<10.4g} | {:^9}".format(name, value, unit))
rows = [("apples", 3, 0.5), ("bananas", 12, 0.25), ("cherries", 100, 0.1)]
total = 0
for item, qty, price in rows:
    line = qty * price
    total += line
    print(f"{item:<10}{qty:>5}{price:>8.2f}{line:>9.2f}")
print(f"{'TOTAL':<10}{'':>5}{'':>8}{total:>9.2f}")
