def pascal(n):
    rows = [[1]]
    for _ in range(n - 1):
        prev = rows[-1]
        rows.append([1] + [a + b for a, b in zip(prev, prev[1:])] + [1])
    return rows
rows = pascal(12)
width = len("   ".join(map(str, rows[-1])))
for r in rows:
    print("   ".join(map(str, r)).center(width).rstrip())
print(sum(rows[-1]), rows[-1][len(rows[-1]) // 2], [sum(r) for r in pascal(8)])
for r in pascal(16):
    print("".join("*" if x % 2 else " " for x in r).center(16).rstrip())
