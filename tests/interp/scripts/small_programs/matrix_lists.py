def mat_mul(a, b):
    return [[sum(x * y for x, y in zip(row, col)) for col in zip(*b)] for row in a]
def transpose(m):
    return [list(r) for r in zip(*m)]
def identity(n):
    return [[int(i == j) for j in range(n)] for i in range(n)]
def mat_pow(m, k):
    result = identity(len(m))
    while k:
        if k & 1:
            result = mat_mul(result, m)
        m = mat_mul(m, m)
        k >>= 1
    return result
A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
print(mat_mul(A, B), transpose(A), identity(3))
print(mat_pow([[1, 1], [1, 0]], 90)[0][1])
def det(m):
    if len(m) == 1:
        return m[0][0]
    return sum((-1) ** j * m[0][j] * det([row[:j] + row[j + 1:] for row in m[1:]]) for j in range(len(m)))
print(det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]), det([[1, 2], [3, 4]]), det(identity(5)))
grid = [[(r * 7 + c * 3) % 10 for c in range(6)] for r in range(4)]
for row in grid:
    print(" ".join("%2d" % v for v in row))
print("row sums", [sum(r) for r in grid], "col sums", [sum(c) for c in zip(*grid)])
print("diag", [grid[i][i] for i in range(min(len(grid), len(grid[0])))], "flat max", max(v for r in grid for v in r))
spiral, m = [], [row[:] for row in grid]
while m:
    spiral += m.pop(0)
    m = [list(r) for r in zip(*m)][::-1]
print(spiral)
