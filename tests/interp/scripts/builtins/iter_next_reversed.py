it = iter(range(3))
print(next(it), next(it), next(it), next(it, "end"))
try:
    next(it)
except StopIteration:
    print("StopIteration")
print(list(reversed("abc")), list(reversed((1, 2, 3))), list(reversed(range(1, 10, 3))), list(reversed({"a": 1, "b": 2})))
class Rev:
    def __len__(self):
        return 3
    def __getitem__(self, i):
        return "xyz"[i]
print(list(reversed(Rev())))
class HasRev:
    def __reversed__(self):
        return iter([3, 2, 1])
print(list(reversed(HasRev())))
e = enumerate("ab")
print(next(e), list(e))
z = zip([1, 2, 3], "ab")
print(next(z), list(z), list(z))
m = map(lambda x: x * 10, [1, 2])
print(list(m), list(m))
