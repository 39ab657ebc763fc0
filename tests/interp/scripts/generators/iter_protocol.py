class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
print(list(Countdown(4)), sum(Countdown(10)), 3 in Countdown(5))
class Repeat:
    def __init__(self, v, k):
        self.v, self.k = v, k
    def __iter__(self):
        for _ in range(self.k):
            yield self.v
r = Repeat("x", 3)
print(list(r), list(r), "".join(r))
it = iter([1, 2, 3])
print(next(it), list(it))
class Seq:
    def __getitem__(self, i):
        if i >= 4:
            raise IndexError(i)
        return i * i
print(list(Seq()), list(iter(Seq())), 9 in Seq())
calls = iter(lambda: calls_list.pop(), "stop")
calls_list = ["stop", "b", "a"]
print(list(calls))
