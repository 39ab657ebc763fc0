x = 1234.56789
for spec in ["", ".2f", ".0f", "10.3f", "<10.1f", "^12.2f", "+.3e", "E", "g", ".3g", "G",
             "%", ".1%", ",.2f", "_.1f", "015.4f", "=+12.2f", "*>12", "#.0f", ".10g", "z.1f"]:
    print(repr(spec), "->", repr(format(x, spec)))
for v in [0.0, -0.0, 1e-10, 1e20, -1.5, 0.5, 2.5, float("inf"), float("nan")]:
    print(format(v, ".3f"), format(v, "e"), format(v, "g"), format(v, ".2"), f"{v:8.2f}|")
print(format(1e16, ""), format(1e16, ".3"), format(123.456, ".2"), format(100.0, ".3"))
