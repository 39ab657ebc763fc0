"""nqueens: count the solutions of the N-queens problem two ways, by
filtering permutations (generators, sets) and by bitmask backtracking.

usage: nqueens.py [ITERATIONS]   (default 18; N is 8 and 10)
"""
import sys


def permutations(items):
    n = len(items)
    if n <= 1:
        yield list(items)
        return
    for i in range(n):
        rest = items[:i] + items[i + 1:]
        for p in permutations(rest):
            yield [items[i]] + p


def queens_by_permutation(n):
    cols = range(n)
    return [vec for vec in permutations(list(cols))
            if n == len(set(vec[i] + i for i in cols)) == len(set(vec[i] - i for i in cols))]


def queens_by_bits(n):
    full = (1 << n) - 1

    def place(cols, d1, d2):
        if cols == full:
            return 1
        count = 0
        free = full & ~(cols | d1 | d2)
        while free:
            bit = free & -free
            free ^= bit
            count += place(cols | bit, ((d1 | bit) << 1) & full, (d2 | bit) >> 1)
        return count

    return place(0, 0, 0)


def main(iterations):
    for _ in range(iterations):
        sols = queens_by_permutation(8)
        n10 = queens_by_bits(10)
    print("8 queens: %d solutions, first %s, last %s" % (len(sols), sols[0], sols[-1]))
    print("10 queens: %d solutions" % n10)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 18)
