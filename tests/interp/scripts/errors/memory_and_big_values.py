s = "x" * 10 ** 6
print(len(s), len(s * 3), s[:3])
big = 7 ** 5000
print(len(str(big)), big % 1000)
lst = [0] * 10 ** 6
lst[-1] = 1
print(sum(lst), len(lst))
d = {i: str(i) for i in range(100000)}
print(len(d), d[99999])
try:
    [0] * (2 ** 62)
except (MemoryError, OverflowError) as e:
    print("too big:", type(e).__name__ in ("MemoryError", "OverflowError"))
