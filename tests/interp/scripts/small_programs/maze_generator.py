import random
def make_maze(w, h, seed):
    rng = random.Random(seed)
    walls = [["#"] * (2 * w + 1) for _ in range(2 * h + 1)]
    stack = [(0, 0)]
    seen = {(0, 0)}
    walls[1][1] = " "
    while stack:
        x, y = stack[-1]
        options = [(x + dx, y + dy, dx, dy) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1))
                   if 0 <= x + dx < w and 0 <= y + dy < h and (x + dx, y + dy) not in seen]
        if not options:
            stack.pop()
            continue
        nx, ny, dx, dy = rng.choice(options)
        walls[2 * y + 1 + dy][2 * x + 1 + dx] = " "
        walls[2 * ny + 1][2 * nx + 1] = " "
        seen.add((nx, ny))
        stack.append((nx, ny))
    return walls
def solve(walls):
    h, w = len(walls), len(walls[0])
    start, goal = (1, 1), (w - 2, h - 2)
    prev, frontier = {start: None}, [start]
    while frontier:
        nxt = []
        for (x, y) in frontier:
            for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
                p = (x + dx, y + dy)
                if walls[p[1]][p[0]] == " " and p not in prev:
                    prev[p] = (x, y)
                    nxt.append(p)
        frontier = nxt
    path, p = [], goal
    while p:
        path.append(p)
        p = prev[p]
    return path
maze = make_maze(12, 6, 42)
path = solve(maze)
for x, y in path:
    maze[y][x] = "."
print("\n".join("".join(r) for r in maze))
print("path length", len(path))
