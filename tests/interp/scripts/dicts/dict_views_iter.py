d = {"a": 1, "b": 2, "c": 3}
k, v, it = d.keys(), d.values(), d.items()
d["d"] = 4
print(list(k), list(v), list(it), len(k))
print("a" in k, 2 in v, ("b", 2) in it)
print(sorted(k & {"a", "z"}), sorted(k | {"z"}), sorted(k - {"a"}))
for key, value in d.items():
    print(key, "->", value)
print(sum(d.values()), max(d, key=d.get), sorted(d, key=lambda x: -d[x]))
inv = {v: k for k, v in d.items()}
print(inv)
nested = {"x": {"y": {"z": 1}}}
nested["x"]["y"]["w"] = 2
print(nested, nested["x"]["y"].get("z"))
