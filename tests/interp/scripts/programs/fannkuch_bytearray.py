# fannkuch-redux in the Benchmarks Game style: bytearray permutations, slice rotations, Pool.starmap
from math import factorial
from multiprocessing import cpu_count, Pool
from itertools import islice, starmap

def permutations(n, start, size):
    p = bytearray(range(n))
    count = bytearray(n)
    remainder = start
    for v in range(n - 1, 0, -1):
        count[v], remainder = divmod(remainder, factorial(v))
        for _ in range(count[v]):
            p[:v], p[v] = p[1:v + 1], p[0]
    if size < 2:
        yield p[:]
        return
    rotation_swaps = [None] * n
    for i in range(1, n):
        r = list(range(n))
        for v in range(1, i + 1):
            r[:v], r[v] = r[1:v + 1], r[0]
        rotation_swaps[i] = tuple((d, s) for d, s in enumerate(r) if d != s)
    while True:
        yield p[:]
        p[0], p[1] = p[1], p[0]
        yield p[:]
        i = 2
        while count[i] >= i:
            count[i] = 0
            i += 1
        else:
            count[i] += 1
            t = p[:]
            for dst, src in rotation_swaps[i]:
                p[dst] = t[src]

def flips(n, start, size):
    maximum = 0
    sign = 1
    for perm in islice(permutations(n, start, size), size):
        first = perm[0]
        if first:
            count = 1
            while True:
                perm[:first + 1] = perm[first::-1]
                first = perm[0]
                if not first:
                    break
                count += 1
            maximum = max(maximum, count)
            yield count * sign
        else:
            yield 0
        sign = -sign
    yield maximum

def task(n, start, size):
    it = flips(n, start, size)
    return sum(islice(it, size)), next(it)

def fannkuch(n, tasks):
    total = factorial(n)
    size = total // tasks
    args = [(n, i * size, size) for i in range(tasks)]
    if tasks > 1:
        with Pool() as pool:
            checksums, maximums = zip(*pool.starmap(task, args))
    else:
        checksums, maximums = zip(*starmap(task, args))
    print("{0}\nPfannkuchen({1}) = {2}".format(sum(checksums), n, max(maximums)))

fannkuch(7, 1)
fannkuch(8, 4)
for data in islice(permutations(4, 0, factorial(4)), 6):
    print(''.join(map(lambda v: str(v + 1), data)))
