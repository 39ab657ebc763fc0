# Dijkstra's shortest paths on a weighted road graph and on a grid maze,
# with path reconstruction; uses a heap written here.
def heappush(h, item):
    h.append(item)
    i = len(h) - 1
    while i > 0:
        p = (i - 1) >> 1
        if h[i] < h[p]:
            h[i], h[p] = h[p], h[i]
            i = p
        else:
            break

def heappop(h):
    last = h.pop()
    if not h:
        return last
    top, h[0] = h[0], last
    i, n = 0, len(h)
    while True:
        l, s = 2 * i + 1, i
        if l < n and h[l] < h[s]:
            s = l
        if l + 1 < n and h[l + 1] < h[s]:
            s = l + 1
        if s == i:
            return top
        h[i], h[s] = h[s], h[i]
        i = s

def dijkstra(graph, src):
    dist, prev = {src: 0}, {}
    heap = [(0, src)]
    while heap:
        d, u = heappop(heap)
        if d > dist[u]:
            continue
        for v, w in graph.get(u, ()):
            nd = d + w
            if nd < dist.get(v, float("inf")):
                dist[v], prev[v] = nd, u
                heappush(heap, (nd, v))
    return dist, prev

def path(prev, src, dst):
    out = [dst]
    while out[-1] != src:
        out.append(prev[out[-1]])
    return out[::-1]

roads = [("A", "B", 7), ("A", "C", 9), ("A", "F", 14), ("B", "C", 10), ("B", "D", 15), ("C", "D", 11),
         ("C", "F", 2), ("D", "E", 6), ("E", "F", 9), ("G", "H", 1)]
graph = {}
for a, b, w in roads:
    graph.setdefault(a, []).append((b, w))
    graph.setdefault(b, []).append((a, w))
dist, prev = dijkstra(graph, "A")
for node in sorted(graph):
    if node in dist:
        print(node, dist[node], "->".join(path(prev, "A", node)))
    else:
        print(node, "unreachable")
MAZE = [
    "S.#.......",
    ".##.#####.",
    "....#...#.",
    "#.###.#.#.",
    "#...#.#...",
    "###.#.###.",
    "....#...#E",
]
cells = {}
for y, row in enumerate(MAZE):
    for x, ch in enumerate(row):
        if ch != "#":
            cells[(x, y)] = ch
grid = {}
for (x, y) in cells:
    grid[(x, y)] = [((x + dx, y + dy), 1 + (dy != 0)) for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)) if (x + dx, y + dy) in cells]
start = next(p for p, c in cells.items() if c == "S")
end = next(p for p, c in cells.items() if c == "E")
dist, prev = dijkstra(grid, start)
route = path(prev, start, end)
print("maze cost", dist[end], "steps", len(route) - 1)
rows = [list(r) for r in MAZE]
for (x, y) in route[1:-1]:
    rows[y][x] = "*"
print("\n".join("".join(r) for r in rows))
