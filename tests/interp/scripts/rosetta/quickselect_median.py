import random
def quickselect(items, k, rng):
    items = list(items)
    while True:
        pivot = items[rng.randrange(len(items))]
        lows = [x for x in items if x < pivot]
        highs = [x for x in items if x > pivot]
        pivots = len(items) - len(lows) - len(highs)
        if k < len(lows):
            items = lows
        elif k < len(lows) + pivots:
            return pivot
        else:
            k -= len(lows) + pivots
            items = highs
rng = random.Random(5)
data = [rng.randint(0, 1000) for _ in range(501)]
print(quickselect(data, 250, rng), sorted(data)[250])
print([quickselect(data, k, rng) for k in (0, 10, 100, 500)] == [sorted(data)[k] for k in (0, 10, 100, 500)])
def median(xs):
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2
print(median([3, 1, 2]), median([4, 1, 3, 2]), median([1.5, 2.5]))
