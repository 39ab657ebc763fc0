class Version:
    def __init__(self, s):
        self.parts = tuple(int(p) for p in s.split("."))
    def __lt__(self, o):
        return self.parts < o.parts
    def __eq__(self, o):
        return self.parts == o.parts
    def __repr__(self):
        return ".".join(map(str, self.parts))
vs = [Version(s) for s in ["1.10.0", "1.2.3", "1.2.10", "0.9", "1.2.3"]]
print(sorted(vs), max(vs), min(vs), sorted(vs, reverse=True)[0])
