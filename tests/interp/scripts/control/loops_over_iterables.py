for ch in "abc":
    print(ch, end=",")
print()
for k in {"x": 1, "y": 2}:
    print(k, end=" ")
print()
for i, v in enumerate(["a", "b"], start=10):
    print(i, v)
for a, b in zip(range(3), "xyz"):
    print(a, b, end="; ")
print()
for x in reversed([1, 2, 3]):
    print(x, end=" ")
print()
total = 0
for i in range(100, 0, -7):
    total += i
print(total)
for i in range(3):
    pass
print("i after loop", i)
