import random
class Board:
    def __init__(self, w, h, mines, seed):
        self.w, self.h = w, h
        rng = random.Random(seed)
        cells = [(x, y) for y in range(h) for x in range(w)]
        self.mines = set(rng.sample(cells, mines))
        self.revealed = set()
        self.flags = set()
    def neighbours(self, x, y):
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                if (dx or dy) and 0 <= x + dx < self.w and 0 <= y + dy < self.h:
                    yield x + dx, y + dy
    def count(self, x, y):
        return sum((n in self.mines) for n in self.neighbours(x, y))
    def reveal(self, x, y):
        if (x, y) in self.mines:
            return False
        stack = [(x, y)]
        while stack:
            c = stack.pop()
            if c in self.revealed:
                continue
            self.revealed.add(c)
            if self.count(*c) == 0:
                stack.extend(n for n in self.neighbours(*c) if n not in self.revealed)
        return True
    def render(self, show=False):
        rows = []
        for y in range(self.h):
            row = ""
            for x in range(self.w):
                if (x, y) in self.revealed:
                    n = self.count(x, y)
                    row += str(n) if n else " "
                elif show and (x, y) in self.mines:
                    row += "*"
                elif (x, y) in self.flags:
                    row += "F"
                else:
                    row += "#"
            rows.append(row)
        return "\n".join(rows)
b = Board(16, 8, 18, 7)
safe = sorted(c for c in ((x, y) for y in range(8) for x in range(16)) if c not in b.mines and b.count(*c) == 0)
print(b.reveal(*safe[len(safe) // 2]), len(b.revealed))
print(b.render())
for c in sorted(b.mines)[:3]:
    b.flags.add(c)
boom = next(iter(sorted(b.mines)))
print(b.reveal(*boom))
print(b.render(show=True))
