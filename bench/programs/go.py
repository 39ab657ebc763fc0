"""go: a Monte Carlo tree search (UCT) Go player on a 9x9 board playing a
short game against itself: captures, suicide and simple ko rules, random
playouts with an eye-filling guard, area scoring. Seeded, so the game and
its score are the same on every run.

usage: go.py [ITERATIONS]   (default 2; 10 moves of 80 playouts each)
"""
import math
import random
import sys

SIZE = 9
EMPTY, BLACK, WHITE = 0, 1, 2
KOMI = 7.5
PASS = -1
MOVES = 10
PLAYOUTS = 80


def neighbours_table():
    table = []
    for p in range(SIZE * SIZE):
        x, y = p % SIZE, p // SIZE
        table.append([q for q, ok in ((p - 1, x > 0), (p + 1, x < SIZE - 1),
                                      (p - SIZE, y > 0), (p + SIZE, y < SIZE - 1)) if ok])
    return table


NEIGHBOURS = neighbours_table()


def other(color):
    return BLACK + WHITE - color


class Board:
    def __init__(self):
        self.cells = [EMPTY] * (SIZE * SIZE)
        self.ko = None
        self.to_move = BLACK
        self.passes = 0
        self.history = []

    def copy(self):
        b = Board.__new__(Board)
        b.cells = self.cells[:]
        b.ko, b.to_move, b.passes = self.ko, self.to_move, self.passes
        b.history = []
        return b

    def group(self, p):
        """Returns (stones, liberty count) of the group at p."""
        color = self.cells[p]
        stones, libs, todo, seen = [], set(), [p], {p}
        while todo:
            q = todo.pop()
            stones.append(q)
            for r in NEIGHBOURS[q]:
                c = self.cells[r]
                if c == EMPTY:
                    libs.add(r)
                elif c == color and r not in seen:
                    seen.add(r)
                    todo.append(r)
        return stones, len(libs)

    def has_liberty(self, p):
        """True as soon as the group at p shows one liberty."""
        cells = self.cells
        color = cells[p]
        todo, seen = [p], {p}
        while todo:
            q = todo.pop()
            for r in NEIGHBOURS[q]:
                c = cells[r]
                if c == EMPTY:
                    return True
                if c == color and r not in seen:
                    seen.add(r)
                    todo.append(r)
        return False

    def is_eye(self, p, color):
        return all(self.cells[q] == color for q in NEIGHBOURS[p])

    def legal(self, p, color):
        if self.cells[p] != EMPTY or p == self.ko:
            return False
        cells = self.cells
        cells[p] = color
        try:
            for q in NEIGHBOURS[p]:
                if cells[q] == EMPTY:
                    return True
            enemy = other(color)
            for q in NEIGHBOURS[p]:
                if cells[q] == enemy and not self.has_liberty(q):
                    return True
            return self.has_liberty(p)
        finally:
            cells[p] = EMPTY

    def play(self, p):
        color = self.to_move
        self.history.append(p)
        self.to_move = other(color)
        if p == PASS:
            self.passes += 1
            self.ko = None
            return
        self.passes = 0
        self.cells[p] = color
        captured = []
        for q in NEIGHBOURS[p]:
            if self.cells[q] == other(color) and not self.has_liberty(q):
                stones, _ = self.group(q)
                for s in stones:
                    self.cells[s] = EMPTY
                captured.extend(stones)
        self.ko = captured[0] if len(captured) == 1 and self.group(p)[1] == 1 else None

    def random_move(self, rng):
        color = self.to_move
        empties = [p for p in range(SIZE * SIZE) if self.cells[p] == EMPTY]
        while empties:
            i = rng.randrange(len(empties))
            p = empties[i]
            if not self.is_eye(p, color) and self.legal(p, color):
                return p
            empties[i] = empties[-1]
            empties.pop()
        return PASS

    def score(self):
        """Area score from Black's point of view, komi included."""
        black = white = 0
        for p, c in enumerate(self.cells):
            if c == BLACK:
                black += 1
            elif c == WHITE:
                white += 1
            else:
                around = {self.cells[q] for q in NEIGHBOURS[p]}
                if around == {BLACK}:
                    black += 1
                elif around == {WHITE}:
                    white += 1
        return black - white - KOMI


class Node:
    __slots__ = ("move", "parent", "children", "untried", "wins", "visits", "player")

    def __init__(self, move, parent, board):
        self.move, self.parent = move, parent
        self.children = []
        self.untried = [p for p in range(SIZE * SIZE)
                        if board.cells[p] == EMPTY and not board.is_eye(p, board.to_move)
                        and board.legal(p, board.to_move)]
        self.wins = 0.0
        self.visits = 0
        self.player = other(board.to_move)  # who made self.move

    def select(self):
        log_n = math.log(self.visits)
        return max(self.children, key=lambda c: c.wins / c.visits + math.sqrt(2.0 * log_n / c.visits))


def playout(board, rng):
    limit = 3 * SIZE * SIZE
    while board.passes < 2 and limit > 0:
        board.play(board.random_move(rng))
        limit -= 1
    return board.score()


def uct_move(board, rng, playouts):
    root = Node(None, None, board)
    if not root.untried:
        return PASS
    for _ in range(playouts):
        node, b = root, board.copy()
        while not node.untried and node.children:
            node = node.select()
            b.play(node.move)
        if node.untried:
            move = node.untried.pop(rng.randrange(len(node.untried)))
            b.play(move)
            child = Node(move, node, b)
            node.children.append(child)
            node = child
        black_margin = playout(b, rng)
        while node is not None:
            node.visits += 1
            if (black_margin > 0) == (node.player == BLACK):
                node.wins += 1
            node = node.parent
    best = max(root.children, key=lambda c: c.visits)
    return best.move


def name(p):
    return "pass" if p == PASS else "ABCDEFGHJ"[p % SIZE] + str(p // SIZE + 1)


def game(seed):
    rng = random.Random(seed)
    board = Board()
    for _ in range(MOVES):
        board.play(uct_move(board, rng, PLAYOUTS))
    rows = ["".join(".XO"[board.cells[y * SIZE + x]] for x in range(SIZE)) for y in range(SIZE)]
    return [name(p) for p in board.history], rows, playout(board.copy(), rng)


def main(iterations):
    for _ in range(iterations):
        moves, rows, final = game(2024)
    print("moves: " + " ".join(moves))
    print("board: " + "/".join(rows))
    print("playout result for black: %+.1f" % final)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2)
