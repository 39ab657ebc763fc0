def naturals():
    n = 1
    while True:
        yield n
        n += 1
def take(n, it):
    return [x for _, x in zip(range(n), it)]
def squares(it):
    for x in it:
        yield x * x
def only(pred, it):
    return (x for x in it if pred(x))
print(take(10, squares(only(lambda x: x % 3 == 0, naturals()))))
def running_total(it):
    total = 0
    for x in it:
        total += x
        yield total
print(list(running_total([3, 1, 4, 1, 5, 9, 2, 6])))
def chunked(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
print(list(chunked(list(range(11)), 4)), list(chunked("abcdefg", 3)))
def window(seq, n):
    it = iter(seq)
    win = [next(it) for _ in range(n)]
    yield tuple(win)
    for x in it:
        win = win[1:] + [x]
        yield tuple(win)
print(list(window([1, 2, 3, 4, 5], 3)))
def interleave(*its):
    its = [iter(i) for i in its]
    while its:
        for it in list(its):
            try:
                yield next(it)
            except StopIteration:
                its.remove(it)
print(list(interleave("abc", [1, 2], (True,))))
gen = (x for x in range(5))
print(sum(gen), sum(gen))
