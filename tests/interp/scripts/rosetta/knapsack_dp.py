items = [("map", 9, 150), ("compass", 13, 35), ("water", 153, 200), ("sandwich", 50, 160),
         ("glucose", 15, 60), ("tin", 68, 45), ("banana", 27, 60), ("apple", 39, 40),
         ("cheese", 23, 30), ("beer", 52, 10), ("suntan cream", 11, 70), ("camera", 32, 30),
         ("T-shirt", 24, 15), ("trousers", 48, 10), ("umbrella", 73, 40), ("waterproof trousers", 42, 70),
         ("waterproof overclothes", 43, 75), ("note-case", 22, 80), ("sunglasses", 7, 20), ("towel", 18, 12),
         ("socks", 4, 50), ("book", 30, 10)]
LIMIT = 400
best = [[0] * (LIMIT + 1) for _ in range(len(items) + 1)]
for i, (_, w, v) in enumerate(items, 1):
    for cap in range(LIMIT + 1):
        best[i][cap] = best[i - 1][cap]
        if w <= cap and best[i - 1][cap - w] + v > best[i][cap]:
            best[i][cap] = best[i - 1][cap - w] + v
chosen, cap = [], LIMIT
for i in range(len(items), 0, -1):
    if best[i][cap] != best[i - 1][cap]:
        chosen.append(items[i - 1][0])
        cap -= items[i - 1][1]
print(best[-1][-1], LIMIT - cap, sorted(chosen))
