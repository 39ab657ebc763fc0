class Counter(dict):
    def __missing__(self, key):
        return 0
c = Counter()
for w in "a b a c b a".split():
    c[w] += 1
print(c, c["zzz"], len(c), isinstance(c, dict))
class Default(dict):
    def __init__(self, factory):
        super().__init__()
        self.factory = factory
    def __missing__(self, key):
        v = self[key] = self.factory()
        return v
dd = Default(list)
dd["x"].append(1)
dd["x"].append(2)
dd["y"].append(3)
print(dd, dd.get("q"), "q" in dd)
class Upper(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k.upper(), v)
u = Upper()
u["abc"] = 1
print(u, type(u).__name__)
