# collections: ChainMap, UserDict/UserList/UserString, Counter unary and in-place ops, deque/defaultdict/OrderedDict/namedtuple details
from collections import ChainMap, UserDict, UserList, UserString, OrderedDict, Counter, deque, defaultdict, namedtuple
cm = ChainMap({'a': 1}, {'a': 2, 'b': 3}); print(cm['a'], cm['b'], len(cm), dict(cm), cm.maps, list(cm.keys()))
cm2 = cm.new_child({'c': 4}); print(cm2['c'], cm2.parents['a'], repr(cm)[:30])
class MyD(UserDict):
    def __setitem__(self, k, v): super().__setitem__(k.lower(), v)
d = MyD(); d['ABC'] = 1; print(d, d.data, 'abc' in d, len(d))
class ML(UserList): pass
ml = ML([3, 1, 2]); ml.sort(); print(ml, ml[0], len(ml), ml + [4])
c = Counter(a=3, b=1); c.update('aab'); print(c, c.total(), +c, -Counter(a=-2), c.most_common()); c.subtract({'a': 10}); print(c, dict(c))
print(Counter('hello') == Counter('olleh'), sorted(Counter([1, 1, 2]).items()), list(Counter('abcab').keys()))
print(repr(Counter()), Counter('aaab').most_common(1)[0], Counter({'x': 0}) , str(Counter(b=2, a=2)))
dq = deque(range(5)); dq.extendleft([9, 8]); print(dq, dq[0], dq[-1], dq.index(3), dq.count(9)); dq.remove(9); dq.reverse(); print(dq, len(dq))
print(deque([1, 2], maxlen=5), repr(deque()), deque('ab') == deque('ab'), list(reversed(deque([1, 2, 3]))))
dd = defaultdict(int); dd['x'] += 1; print(dd, dd.default_factory, repr(defaultdict(list)))
dd2 = defaultdict(lambda: 'N/A'); print(dd2['q'], dict(dd2))
od = OrderedDict.fromkeys('abc'); od.move_to_end('a'); print(od, list(od), od.popitem(), OrderedDict(a=1) == OrderedDict(a=1))
Pt = namedtuple('Pt', 'x y z', defaults=(0,)); p = Pt(1, 2); print(p, p._make([4, 5, 6]), Pt._field_defaults, p.count(1), p.index(2), p[::-1], p == (1, 2, 0))
x, y, z = p; print(x, y, z, isinstance(p, tuple), hash(p) == hash((1, 2, 0)), len(p))
Emp = namedtuple('Emp', ['name', 'age'], rename=False)
print(sorted([Emp('b', 3), Emp('a', 5)], key=lambda e: e.age), Emp('x', 1)._replace(age=2))
import itertools as it
print(list(it.product([1, 2], 'ab')), list(it.permutations('abc')), len(list(it.combinations(range(10), 3))))
print(list(it.accumulate([1, 2, 3], initial=10)), list(it.batched('abcde', 2)) if hasattr(it, 'batched') else 'nobatched', list(it.cycle('ab'))[:0] if False else list(it.islice(it.cycle('ab'), 5)))
print(list(it.islice(range(100), 10, 20, 3)), list(it.chain('ab', [1])), next(it.count()), list(it.repeat(1, 0)))
print(list(it.groupby(sorted('mississippi'))) and [(k, len(list(g))) for k, g in it.groupby(sorted('mississippi'))])
print(list(it.starmap(lambda a, b: a * b, zip(range(4), range(4)))), list(it.zip_longest([1, 2, 3], 'a')))
d = {'b': 2, 'a': 1}
print(d.keys(), d.values(), d.items(), reversed(d) is not None, list(reversed(d)), {**d, 'c': 3})
l = [1, 2]; l.append(l); print(l); dd3 = {}; dd3['self'] = dd3; print(dd3)
print(sorted([('b', 2), ('a', 2), ('c', 1)], key=lambda t: t[1]), sorted("Hello World".split(), key=str.lower, reverse=True))
print("{name:>10}|{n:08.3f}|{p:.1%}".format_map({'name': 'x', 'n': 3.14159, 'p': 0.5}))
print(str({1: [1, 2], 'a': (1,), None: {2}}), repr(frozenset()), {1: 1}.get(2), [None, ...], type(...).__name__)
print(list(map(str, [1.0, 2.50, 1e-10, 1e100, 12345678.9, float(10**16)])))
from collections import UserString, UserList, UserDict
s = UserString("hello")
print(s, repr(s), s.upper(), type(s.upper()).__name__, s + "!", len(s), s[1:3], "ell" in s, s == "hello", s.split("l"), s.count("l"))
class D(UserDict):
    def __missing__(self, k): return k * 2
d = D(a=1); print(d['zz'], d, d.copy(), D.fromkeys('ab', 0), d | {'b': 2})
l = UserList([1, 2]); print(l * 2, [0] + l, l == [1, 2], l[0:1], type(l[0:1]).__name__)
