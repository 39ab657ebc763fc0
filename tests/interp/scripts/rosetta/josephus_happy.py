def josephus(n, k):
    people = list(range(n))
    i, order = 0, []
    while people:
        i = (i + k - 1) % len(people)
        order.append(people.pop(i))
    return order
o = josephus(41, 3)
print(o[-1], o[:10])
def happy(n):
    seen = set()
    while n != 1 and n not in seen:
        seen.add(n)
        n = sum(int(d) ** 2 for d in str(n))
    return n == 1
print([n for n in range(1, 60) if happy(n)])
def floyd(rows):
    n = 1
    lines = []
    for r in range(1, rows + 1):
        lines.append(list(range(n, n + r)))
        n += r
    width = [len(str(x)) for x in lines[-1]]
    for line in lines:
        print(" ".join(str(x).rjust(width[i]) for i, x in enumerate(line)))
floyd(6)
