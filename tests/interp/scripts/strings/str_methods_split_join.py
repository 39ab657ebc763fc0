s = "  The quick  brown fox\tjumps\nover  "
print(s.split(), s.split(" "), s.strip().split(" ", 2), s.rsplit(None, 1), s.rsplit(" ", 2))
print("a,b,,c".split(","), "a,b,,c".split(",", 1), "".split(), "".split(","), "abc".split("b"))
print("line1\nline2\r\nline3\n".splitlines(), "x\ny\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join(str(i) for i in range(5)), "ab".join("xyz"))
print("a-b-c".partition("-"), "a-b-c".rpartition("-"), "abc".partition("x"), "abc".rpartition("x"))
try:
    "".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    "a".split("")
except ValueError as e:
    print("ValueError:", e)
