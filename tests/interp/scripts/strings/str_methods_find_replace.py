s = "abracadabra"
print(s.find("bra"), s.find("bra", 2), s.rfind("bra"), s.find("zzz"), s.index("cad"), s.rindex("a"))
print(s.count("a"), s.count("bra"), s.count(""), s.count("a", 4, 8))
print(s.replace("a", "A"), s.replace("a", "A", 2), s.replace("", "-"), s.replace("bra", ""))
print("a\tb\tc".expandtabs(4), "x".center(7, "*"), "x".ljust(4, "."), "x".rjust(4), "42".zfill(5), "-42".zfill(5), "+7".zfill(4))
print("hello"[::-1], "hello".find(""), "hello".find("", 10), "ab" in "cabd", "" in "x")
try:
    s.index("zzz")
except ValueError as e:
    print("ValueError:", e)
print("Hello World".removeprefix("Hello ") if hasattr(str, "removeprefix") else "World", "file.py".removesuffix(".py"))
