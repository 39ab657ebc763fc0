UNITS = {
    "length": {"m": 1.0, "km": 1000.0, "cm": 0.01, "mm": 0.001, "mi": 1609.344, "ft": 0.3048, "in": 0.0254},
    "mass": {"kg": 1.0, "g": 0.001, "lb": 0.45359237, "oz": 0.028349523125},
}
def kind_of(unit):
    for kind, table in UNITS.items():
        if unit in table:
            return kind
    raise KeyError("unknown unit %r" % unit)
def convert(value, src, dst):
    k1, k2 = kind_of(src), kind_of(dst)
    if k1 != k2:
        raise ValueError("cannot convert %s (%s) to %s (%s)" % (src, k1, dst, k2))
    return value * UNITS[k1][src] / UNITS[k2][dst]
for v, a, b in [(1, "mi", "km"), (100, "cm", "in"), (5, "ft", "m"), (1, "kg", "lb"), (16, "oz", "g"), (3.5, "km", "mi")]:
    print("%g %s = %.4f %s" % (v, a, convert(v, a, b), b))
for bad in [(1, "kg", "m"), (1, "parsec", "m")]:
    try:
        convert(*bad)
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
print(round(convert(convert(1, "mi", "ft"), "ft", "mi"), 12), f"{convert(1, 'in', 'mm'):.1f}")
