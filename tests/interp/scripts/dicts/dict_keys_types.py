d = {1: "int", 1.5: "float", "s": "str", (1, 2): "tuple", None: "none", True: "bool?", frozenset([1]): "fs"}
print(d)
print(d[1], d[True], d[1.0], d[(1, 2)], d[None], d[frozenset({1})])
try:
    d[[1]] = 2
except TypeError as e:
    print("TypeError:", e)
class K:
    def __init__(self, v):
        self.v = v
    def __hash__(self):
        return hash(self.v)
    def __eq__(self, other):
        return isinstance(other, K) and self.v == other.v
    def __repr__(self):
        return "K(%r)" % self.v
kd = {K(1): "one", K(2): "two"}
print(kd[K(1)], K(3) in kd, kd)
big = {}
for i in range(10000):
    big[i * 7 % 10007] = i
print(len(big), big[7], sum(big.values()) % 1000)
