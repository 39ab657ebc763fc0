# A Matrix class with operator overloading, determinant and inverse using
# exact rational arithmetic on a hand-written Fraction.
def gcd(a, b):
    while b:
        a, b = b, a % b
    return abs(a)

class Frac:
    __slots__ = ("n", "d")
    def __init__(self, n, d=1):
        if d == 0:
            raise ZeroDivisionError("zero denominator")
        if d < 0:
            n, d = -n, -d
        g = gcd(n, d) or 1
        self.n, self.d = n // g, d // g
    def __add__(self, o):
        o = o if isinstance(o, Frac) else Frac(o)
        return Frac(self.n * o.d + o.n * self.d, self.d * o.d)
    __radd__ = __add__
    def __sub__(self, o):
        o = o if isinstance(o, Frac) else Frac(o)
        return Frac(self.n * o.d - o.n * self.d, self.d * o.d)
    def __mul__(self, o):
        o = o if isinstance(o, Frac) else Frac(o)
        return Frac(self.n * o.n, self.d * o.d)
    __rmul__ = __mul__
    def __truediv__(self, o):
        o = o if isinstance(o, Frac) else Frac(o)
        return Frac(self.n * o.d, self.d * o.n)
    def __neg__(self):
        return Frac(-self.n, self.d)
    def __eq__(self, o):
        o = o if isinstance(o, Frac) else Frac(o)
        return self.n == o.n and self.d == o.d
    def __repr__(self):
        return str(self.n) if self.d == 1 else "%d/%d" % (self.n, self.d)

class Matrix:
    def __init__(self, rows):
        self.rows = [[x if isinstance(x, Frac) else Frac(x) for x in r] for r in rows]
        self.n, self.m = len(rows), len(rows[0])
    @classmethod
    def identity(cls, n):
        return cls([[1 if i == j else 0 for j in range(n)] for i in range(n)])
    def __getitem__(self, ij):
        return self.rows[ij[0]][ij[1]]
    def __add__(self, o):
        return Matrix([[a + b for a, b in zip(r1, r2)] for r1, r2 in zip(self.rows, o.rows)])
    def __mul__(self, o):
        if isinstance(o, Matrix):
            if self.m != o.n:
                raise ValueError("shape mismatch %dx%d * %dx%d" % (self.n, self.m, o.n, o.m))
            return Matrix([[sum((self.rows[i][k] * o.rows[k][j] for k in range(self.m)), Frac(0))
                            for j in range(o.m)] for i in range(self.n)])
        return Matrix([[x * o for x in r] for r in self.rows])
    def transpose(self):
        return Matrix([list(c) for c in zip(*self.rows)])
    def det(self):
        a = [r[:] for r in self.rows]
        n, sign, result = self.n, 1, Frac(1)
        for c in range(n):
            p = next((r for r in range(c, n) if a[r][c] != Frac(0)), None)
            if p is None:
                return Frac(0)
            if p != c:
                a[c], a[p] = a[p], a[c]
                sign = -sign
            result = result * a[c][c]
            for r in range(c + 1, n):
                f = a[r][c] / a[c][c]
                a[r] = [x - f * y for x, y in zip(a[r], a[c])]
        return result * sign
    def inverse(self):
        n = self.n
        a = [r[:] + Matrix.identity(n).rows[i] for i, r in enumerate(self.rows)]
        for c in range(n):
            p = next((r for r in range(c, n) if a[r][c] != Frac(0)), None)
            if p is None:
                raise ValueError("singular matrix")
            a[c], a[p] = a[p], a[c]
            piv = a[c][c]
            a[c] = [x / piv for x in a[c]]
            for r in range(n):
                if r != c:
                    f = a[r][c]
                    a[r] = [x - f * y for x, y in zip(a[r], a[c])]
        return Matrix([r[n:] for r in a])
    def __eq__(self, o):
        return self.rows == o.rows
    def __repr__(self):
        return "\n".join("[" + " ".join("%6s" % x for x in r) + "]" for r in self.rows)

A = Matrix([[2, 1, 1], [1, 3, 2], [1, 0, 0]])
B = Matrix([[1, 2], [0, 1], [4, 0]])
print(A)
print(A * B)
print(A.transpose())
print("det", A.det(), "det*2", (A * 2).det())
inv = A.inverse()
print(inv)
print(A * inv == Matrix.identity(3), inv * A == Matrix.identity(3))
try:
    B * B
except ValueError as e:
    print("ValueError:", e)
try:
    Matrix([[1, 2], [2, 4]]).inverse()
except ValueError as e:
    print("ValueError:", e)
H = Matrix([[Frac(1, i + j + 1) for j in range(4)] for i in range(4)])
print("hilbert det", H.det())
print(H.inverse())
