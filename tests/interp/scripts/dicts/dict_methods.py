d = {"b": 2, "a": 1}
d["c"] = 3
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, "z" not in d)
print(list(d.keys()), list(d.values()), list(d.items()))
print(d.pop("b"), d.pop("zz", "default"), d)
print(d.setdefault("a", 100), d.setdefault("n", []), d)
d.update({"x": 1}, y=2); d.update([("w", 0)]); print(d)
print(d.popitem(), d)
e = d.copy(); e.clear(); print(e, d == d.copy(), dict.fromkeys("ab", 0), dict.fromkeys([1, 2]))
print(dict(a=1, b=2), dict([("k", "v")]), dict(zip("xy", [1, 2])), dict({"q": 1}, r=2))
try:
    d["missing"]
except KeyError as e:
    print("KeyError:", e)
try:
    {}.popitem()
except KeyError as e:
    print("KeyError:", e)
d2 = {1: "a"} | {2: "b"}
d2 |= {3: "c"}
print(d2)
