# Conway's game of life on a set of live cells, with a glider, a blinker
# and an R-pentomino; prints generations and population statistics.
def step(live):
    counts = {}
    for (x, y) in live:
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                if dx or dy:
                    k = (x + dx, y + dy)
                    counts[k] = counts.get(k, 0) + 1
    return {c for c, n in counts.items() if n == 3 or (n == 2 and c in live)}

def render(live, x0, y0, w, h):
    return "\n".join("".join("#" if (x, y) in live else "." for x in range(x0, x0 + w)) for y in range(y0, y0 + h))

def from_pattern(rows, ox=0, oy=0):
    return {(ox + x, oy + y) for y, row in enumerate(rows) for x, ch in enumerate(row) if ch == "#"}

glider = from_pattern([".#.", "..#", "###"])
blinker = from_pattern(["###"], 10, 2)
world = glider | blinker
for gen in range(4):
    print("gen", gen, "pop", len(world))
    print(render(world, 0, 0, 14, 6))
    world = step(world)
r = from_pattern([".##", "##.", ".#."])
history = []
for gen in range(200):
    history.append(len(r))
    r = step(r)
xs = [x for x, _ in r]
ys = [y for _, y in r]
print("r-pentomino after 200:", len(r), "max pop", max(history), "bbox", min(xs), max(xs), min(ys), max(ys))
g = glider
for _ in range(40):
    g = step(g)
print("glider moved to", sorted(g))
