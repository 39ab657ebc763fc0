records = [("x", 3, 2.5), ("y", 1, 9.0), ("x", 1, 0.5), ("z", 3, 1.0)]
print(sorted(records))
print(sorted(records, key=lambda r: (r[1], -r[2])))
print(max(records, key=lambda r: r[2]), min(records))
groups = {}
for name, k, v in records:
    groups.setdefault(k, []).append((name, v))
print(groups)
pairs = list(zip((1, 2, 3), ("a", "b", "c")))
nums, letters = zip(*pairs)
print(pairs, nums, letters)
