def subsets(items):
    if not items:
        return [[]]
    rest = subsets(items[1:])
    return rest + [[items[0]] + r for r in rest]
print(sorted(subsets([1, 2, 3]), key=lambda s: (len(s), s)))
def change_ways(amount, coins):
    if amount == 0:
        return 1
    if amount < 0 or not coins:
        return 0
    return change_ways(amount - coins[0], coins) + change_ways(amount, coins[1:])
print(change_ways(100, [50, 25, 10, 5, 1]))
memo = {}
def paths(r, c):
    if r == 0 or c == 0:
        return 1
    if (r, c) not in memo:
        memo[(r, c)] = paths(r - 1, c) + paths(r, c - 1)
    return memo[(r, c)]
print(paths(16, 16), len(memo))
def flatten(x):
    return [y for item in x for y in (flatten(item) if isinstance(item, (list, tuple)) else [item])]
print(flatten([1, [2, (3, [4, 5]), []], [[[6]]], 7]))
def binary_search(a, x, lo=0, hi=None):
    hi = len(a) if hi is None else hi
    if lo >= hi:
        return -1
    mid = (lo + hi) // 2
    if a[mid] == x:
        return mid
    return binary_search(a, x, mid + 1, hi) if a[mid] < x else binary_search(a, x, lo, mid)
arr = list(range(0, 100, 3))
print([binary_search(arr, x) for x in (0, 3, 50, 51, 99, 100)])
def gray(n):
    return ["0", "1"] if n == 1 else ["0" + g for g in gray(n - 1)] + ["1" + g for g in reversed(gray(n - 1))]
print(gray(3))
