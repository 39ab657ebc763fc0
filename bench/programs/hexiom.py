"""hexiom: solve Hexiom-style puzzles. Numbered tiles go on the cells of a
hexagonal board so that every tile's number equals the count of its
occupied neighbours. Puzzles are made from seeded random layouts; the
solver counts every solution by backtracking with constraint pruning.

usage: hexiom.py [ITERATIONS]   (default 2; seven puzzles on a side-3 board)
"""
import random
import sys

SIDE = 3
PUZZLES = [(11, 12), (11, 14), (19, 16), (32, 15), (33, 14), (37, 15), (41, 14)]  # (seed, tiles)


class Hex:
    def __init__(self, side):
        self.cells = [(q, r) for q in range(-side + 1, side) for r in range(-side + 1, side)
                      if abs(q + r) < side]
        # fill order: rings from the centre outwards, so constraints bite early
        self.cells.sort(key=lambda c: (max(abs(c[0]), abs(c[1]), abs(c[0] + c[1])), c))
        index = {c: i for i, c in enumerate(self.cells)}
        self.neighbours = []
        for (q, r) in self.cells:
            around = [(q + 1, r), (q - 1, r), (q, r + 1), (q, r - 1), (q + 1, r - 1), (q - 1, r + 1)]
            self.neighbours.append([index[c] for c in around if c in index])


def make_puzzle(board, seed, tiles):
    rng = random.Random(seed)
    occupied = set(rng.sample(range(len(board.cells)), tiles))
    numbers = [sum(1 for n in board.neighbours[i] if n in occupied) for i in sorted(occupied)]
    counts = [0] * 7
    for n in numbers:
        counts[n] += 1
    return counts


class Solver:
    UNKNOWN, EMPTY = -2, -1

    def __init__(self, board, counts):
        self.board = board
        self.counts = counts[:]
        self.empties = len(board.cells) - sum(counts)
        self.value = [self.UNKNOWN] * len(board.cells)
        self.solutions = 0
        self.first = None
        self.nodes = 0

    def consistent(self, i):
        """Checks cell i and its neighbours after i was assigned."""
        for c in [i] + self.board.neighbours[i]:
            v = self.value[c]
            if v < 0:
                continue
            occupied = unknown = 0
            for n in self.board.neighbours[c]:
                w = self.value[n]
                if w == self.UNKNOWN:
                    unknown += 1
                elif w != self.EMPTY:
                    occupied += 1
            if occupied > v or occupied + unknown < v:
                return False
        return True

    def search(self, i):
        self.nodes += 1
        if i == len(self.value):
            self.solutions += 1
            if self.first is None:
                self.first = self.value[:]
            return
        choices = [self.EMPTY] if self.empties else []
        choices += [n for n in range(7) if self.counts[n]]
        for v in choices:
            self.value[i] = v
            if v == self.EMPTY:
                self.empties -= 1
            else:
                self.counts[v] -= 1
            if self.consistent(i):
                self.search(i + 1)
            if v == self.EMPTY:
                self.empties += 1
            else:
                self.counts[v] += 1
        self.value[i] = self.UNKNOWN


def render(board, values):
    return "".join("." if v < 0 else str(v) for v in values)


def main(iterations):
    board = Hex(SIDE)
    for _ in range(iterations):
        lines = []
        for seed, tiles in PUZZLES:
            s = Solver(board, make_puzzle(board, seed, tiles))
            s.search(0)
            lines.append("puzzle %d/%d: %d solutions, %d nodes, first %s"
                         % (seed, tiles, s.solutions, s.nodes, render(board, s.first)))
    print("\n".join(lines))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
