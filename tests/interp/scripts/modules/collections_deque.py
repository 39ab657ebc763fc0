from collections import deque
d = deque([1, 2, 3])
d.append(4); d.appendleft(0)
print(d, len(d), d[0], d[-1], 3 in d)
print(d.pop(), d.popleft(), d)
d.extend([7, 8]); d.extendleft([-1, -2])
print(d, list(d))
d.rotate(2); print(d)
d.rotate(-3); print(d)
print(d.count(7), d.index(7) if hasattr(d, "index") else 0)
d.remove(7); d.reverse(); print(d)
bounded = deque(maxlen=3)
for i in range(6):
    bounded.append(i)
print(bounded, bounded.maxlen, list(bounded))
d.clear(); print(d, bool(d))
try:
    d.pop()
except IndexError as e:
    print("IndexError:", e)
q = deque()
q.append((0, 0))
seen = {(0, 0)}
while q:
    x, y = q.popleft()
    for nx, ny in [(x + 1, y), (x, y + 1)]:
        if nx <= 3 and ny <= 3 and (nx, ny) not in seen:
            seen.add((nx, ny))
            q.append((nx, ny))
print(len(seen))
