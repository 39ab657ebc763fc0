a = [3, 1, 4, 1, 5]
a.append(9); print(a)
a.extend([2, 6]); print(a)
a.insert(0, 0); a.insert(100, 7); a.insert(-1, 8); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(1); print(a, a.index(5), a.count(1), a.index(1, 2))
a.reverse(); print(a)
b = a.copy(); b.sort(); print(a, b)
b.clear(); print(b, len(b))
for bad in [lambda: a.remove(42), lambda: a.index(42), lambda: [].pop(), lambda: a.pop(99)]:
    try:
        bad()
    except (ValueError, IndexError) as e:
        print(type(e).__name__ + ":", e)
print([1, 2] + [3], [0] * 4, [[0] * 2] * 2, 3 in [1, 2, 3], [1, [2]] == [1, [2]], [1, 2] < [1, 2, 0])
