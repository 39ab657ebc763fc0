N = 6
MOVES = [(1, 2), (2, 1), (2, -1), (1, -2), (-1, -2), (-2, -1), (-2, 1), (-1, 2)]
def neighbours(board, x, y):
    return [(x + dx, y + dy) for dx, dy in MOVES if 0 <= x + dx < N and 0 <= y + dy < N and board[y + dy][x + dx] == 0]
def tour(start):
    board = [[0] * N for _ in range(N)]
    x, y = start
    board[y][x] = 1
    for step in range(2, N * N + 1):
        options = neighbours(board, x, y)
        if not options:
            return None
        x, y = min(options, key=lambda p: (len(neighbours(board, *p)), p))
        board[y][x] = step
    return board
b = tour((0, 0))
for row in b:
    print(" ".join("%2d" % v for v in row))
ok = all(abs(x1 - x2) * abs(y1 - y2) == 2 for s in range(1, N * N)
         for (x1, y1) in [(c, r) for r in range(N) for c in range(N) if b[r][c] == s]
         for (x2, y2) in [(c, r) for r in range(N) for c in range(N) if b[r][c] == s + 1])
print("valid tour:", ok)
