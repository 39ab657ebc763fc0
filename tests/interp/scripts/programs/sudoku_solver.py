# Sudoku by constraint propagation and backtracking over candidate sets.
PUZZLE = """
53..7....
6..195...
.98....6.
8...6...3
4..8.3..1
7...2...6
.6....28.
...419..5
....8..79
"""
HARD = "8..........36......7..9.2...5...7.......457.....1...3...1....68..85...1..9....4.."

def parse(text):
    cells = [c for c in text if c in "123456789."]
    return [[0 if c == "." else int(c) for c in cells[r * 9:r * 9 + 9]] for r in range(9)]

def candidates(g, r, c):
    used = set(g[r]) | {g[i][c] for i in range(9)}
    br, bc = 3 * (r // 3), 3 * (c // 3)
    used |= {g[i][j] for i in range(br, br + 3) for j in range(bc, bc + 3)}
    return [d for d in range(1, 10) if d not in used]

stats = {"guesses": 0}

def solve(g):
    best = None
    for r in range(9):
        for c in range(9):
            if g[r][c] == 0:
                cand = candidates(g, r, c)
                if not cand:
                    return False
                if best is None or len(cand) < len(best[2]):
                    best = (r, c, cand)
    if best is None:
        return True
    r, c, cand = best
    for d in cand:
        stats["guesses"] += 1
        g[r][c] = d
        if solve(g):
            return True
    g[r][c] = 0
    return False

def valid(g):
    groups = [g[r] for r in range(9)] + [[g[r][c] for r in range(9)] for c in range(9)]
    groups += [[g[r][c] for r in range(br, br + 3) for c in range(bc, bc + 3)] for br in (0, 3, 6) for bc in (0, 3, 6)]
    return all(sorted(x) == list(range(1, 10)) for x in groups)

def show(g):
    for r in range(9):
        row = ""
        for c in range(9):
            row += str(g[r][c]) + (" | " if c in (2, 5) else " ")
        print(row.rstrip())
        if r in (2, 5):
            print("------+-------+------")

for text in (PUZZLE, HARD):
    g = parse(text)
    stats["guesses"] = 0
    ok = solve(g)
    show(g)
    print("solved", ok, "valid", valid(g), "guesses", stats["guesses"])
