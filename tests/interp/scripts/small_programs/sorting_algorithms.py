import random
def bubble(a):
    a = a[:]
    for i in range(len(a)):
        swapped = False
        for j in range(len(a) - 1 - i):
            if a[j] > a[j + 1]:
                a[j], a[j + 1] = a[j + 1], a[j]
                swapped = True
        if not swapped:
            break
    return a
def insertion(a):
    a = a[:]
    for i in range(1, len(a)):
        key, j = a[i], i - 1
        while j >= 0 and a[j] > key:
            a[j + 1] = a[j]
            j -= 1
        a[j + 1] = key
    return a
def merge_sort(a):
    if len(a) <= 1:
        return a
    mid = len(a) // 2
    left, right = merge_sort(a[:mid]), merge_sort(a[mid:])
    out, i, j = [], 0, 0
    while i < len(left) and j < len(right):
        if left[i] <= right[j]:
            out.append(left[i]); i += 1
        else:
            out.append(right[j]); j += 1
    return out + left[i:] + right[j:]
def quick(a):
    if len(a) < 2:
        return a
    pivot = a[len(a) // 2]
    return quick([x for x in a if x < pivot]) + [x for x in a if x == pivot] + quick([x for x in a if x > pivot])
def heap_sort(a):
    a = a[:]
    n = len(a)
    def sift(i, size):
        while True:
            l, r, m = 2 * i + 1, 2 * i + 2, i
            if l < size and a[l] > a[m]: m = l
            if r < size and a[r] > a[m]: m = r
            if m == i: return
            a[i], a[m] = a[m], a[i]
            i = m
    for i in range(n // 2 - 1, -1, -1):
        sift(i, n)
    for end in range(n - 1, 0, -1):
        a[0], a[end] = a[end], a[0]
        sift(0, end)
    return a
random.seed(12)
data = [random.randint(-100, 100) for _ in range(60)]
expected = sorted(data)
for fn in (bubble, insertion, merge_sort, quick, heap_sort):
    r = fn(data)
    print(fn.__name__, r == expected, r[:6])
print(data[:10])
