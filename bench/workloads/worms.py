# kind: program
# calibrate: 1000
# unit: steps
"""Worms moving on one shared grid, with one lock per step. Each thread
owns a worm of LENGTH cells and moves it SIZE steps: under the grid's
threading.Lock it looks at the head's neighbours in a random order, moves
the head into the first free cell and frees the tail (a worm with no free
neighbour stays). Steps of different worms touch different cells, but all
go through the one lock. Check: at the end every grid cell holds the id of
the worm whose body covers it and nothing else, every worm is a connected
chain of LENGTH cells, and steps plus stalls equal SIZE."""
import random
import threading
import _wl

# 64 x 64 cells: room for 32 rows x 9 slots = 288 worms (2x cores even on
# a large two-socket Xeon), and a sparse grid, so worms rarely stall.
SIDE = 64
LENGTH = 6
EMPTY = -1
MOVES = ((1, 0), (-1, 0), (0, 1), (0, -1))
GRID = [EMPTY] * (SIDE * SIDE)
LOCK = threading.Lock()


def place(tid):
    """Worm tid starts straight along an even row; SIDE // 2 worms per
    column of slots, slots LENGTH + 1 cells apart (288 worms at most)."""
    row = 2 * (tid % (SIDE // 2))
    col0 = (tid // (SIDE // 2)) * (LENGTH + 1)
    if col0 + LENGTH > SIDE:
        raise ValueError("too many worms for the grid")
    body = [(col0 + k, row) for k in range(LENGTH)]
    for (x, y) in body:
        if GRID[y * SIDE + x] != EMPTY:
            raise ValueError("too many worms for the grid")
        GRID[y * SIDE + x] = tid
    return body


def step(tid, body, rng):
    hx, hy = body[-1]
    order = list(MOVES)
    rng.shuffle(order)
    for dx, dy in order:
        x, y = (hx + dx) % SIDE, (hy + dy) % SIDE
        if GRID[y * SIDE + x] == EMPTY:
            GRID[y * SIDE + x] = tid
            tx, ty = body.pop(0)
            GRID[ty * SIDE + tx] = EMPTY
            body.append((x, y))
            return True
    return False


def work(tid, size, nthreads):
    rng = random.Random(tid)
    body = BODIES[tid]
    moved = 0
    for _ in range(size):
        with LOCK:
            moved += step(tid, body, rng)
    return moved, size - moved, body


def adjacent(a, b):
    dx, dy = (a[0] - b[0]) % SIDE, (a[1] - b[1]) % SIDE
    return (dx, dy) in ((1, 0), (SIDE - 1, 0), (0, 1), (0, SIDE - 1))


def check(results, size, nthreads):
    want = [EMPTY] * (SIDE * SIDE)
    for tid, (moved, stalled, body) in enumerate(results):
        if moved + stalled != size or len(body) != LENGTH:
            return "worm %d: %d steps, %d stalls, length %d" % (tid, moved, stalled, len(body))
        for i, (x, y) in enumerate(body):
            if want[y * SIDE + x] != EMPTY:
                return "worm %d overlaps worm %d" % (tid, want[y * SIDE + x])
            want[y * SIDE + x] = tid
            if i and not adjacent(body[i - 1], body[i]):
                return "worm %d is broken between cells %d and %d" % (tid, i - 1, i)
    if want != GRID:
        return "the grid does not match the worms' bodies"
    return None


# Every worm is on the grid before any thread starts moving.
BODIES = [place(t) for t in range(_wl.parse_args("worms", 1000)[0])]
_wl.main("worms", 1000, work, check)
