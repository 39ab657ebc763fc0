# collections.abc: the mixin methods of MutableMapping, Sequence, MutableSequence, Set for user subclasses
from collections.abc import MutableMapping, Mapping, Sequence, MutableSequence, Set, MutableSet, Iterable, Iterator, Sized, Hashable, Callable
class LowerDict(MutableMapping):
    def __init__(self, *a, **k):
        self._d = {}
        self.update(*a, **k)
    def __getitem__(self, k): return self._d[k.lower()]
    def __setitem__(self, k, v): self._d[k.lower()] = v
    def __delitem__(self, k): del self._d[k.lower()]
    def __iter__(self): return iter(self._d)
    def __len__(self): return len(self._d)
    def __repr__(self): return f"LowerDict({self._d})"
d = LowerDict(A=1, b=2)
d.update({'C': 3}); print(d, d['a'], 'B' in d, d.get('z', 0), list(d.keys()), list(d.items()), list(d.values()), d.pop('a'), d.setdefault('x', 9), d)
print(d == {'b': 2, 'c': 3, 'x': 9}, dict(d), len(d), isinstance(d, Mapping), d.popitem(), d)
d.clear(); print(d, len(d))
class Rng(Sequence):
    def __init__(self, n): self.n = n
    def __getitem__(self, i):
        if i >= self.n or i < -self.n: raise IndexError
        return i % self.n * 10
    def __len__(self): return self.n
r = Rng(5); print(list(r), 30 in r, r.index(20), r.count(10), list(reversed(r)), isinstance(r, Sequence))
class MyList(MutableSequence):
    def __init__(self): self._l = []
    def __getitem__(self, i): return self._l[i]
    def __setitem__(self, i, v): self._l[i] = v
    def __delitem__(self, i): del self._l[i]
    def __len__(self): return len(self._l)
    def insert(self, i, v): self._l.insert(i, v)
m = MyList(); m.append(1); m.extend([2, 3]); m += [4]; m.reverse(); print(list(m), m.pop(), m.pop(0), list(m)); m.remove(2); print(list(m))
class S(Set):
    def __init__(self, it): self._s = list(dict.fromkeys(it))
    def __contains__(self, x): return x in self._s
    def __iter__(self): return iter(self._s)
    def __len__(self): return len(self._s)
a, b = S([1, 2, 3]), S([2, 3, 4])
print(sorted(a & b), sorted(a | b), sorted(a - b), sorted(a ^ b), a <= S([1, 2, 3, 4]), a == S([3, 2, 1]), a.isdisjoint(S([9])))
class Cnt:
    def __init__(self): self.i = 0
    def __iter__(self): return self
    def __next__(self):
        self.i += 1
        if self.i > 3: raise StopIteration
        return self.i
print(isinstance(Cnt(), Iterator), isinstance([], Iterable), isinstance(3, Hashable), isinstance([], Hashable), isinstance(len, Callable), isinstance({}, Sized))
