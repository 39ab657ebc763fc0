def zigzag(n):
    order = sorted(((x, y) for x in range(n) for y in range(n)),
                   key=lambda p: (p[0] + p[1], -p[1] if (p[0] + p[1]) % 2 else p[1]))
    m = [[0] * n for _ in range(n)]
    for i, (x, y) in enumerate(order):
        m[y][x] = i
    return m
def spiral(n):
    m = [[None] * n for _ in range(n)]
    dx, dy, x, y = 1, 0, 0, 0
    for i in range(n * n):
        m[y][x] = i
        nx, ny = x + dx, y + dy
        if not (0 <= nx < n and 0 <= ny < n and m[ny][nx] is None):
            dx, dy = -dy, dx
            nx, ny = x + dx, y + dy
        x, y = nx, ny
    return m
for f in (zigzag, spiral):
    print(f.__name__)
    for row in f(5):
        print(" ".join("%2d" % v for v in row))
