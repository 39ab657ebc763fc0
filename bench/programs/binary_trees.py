"""binary_trees: allocate and walk many perfect binary trees of several
depths (a garbage-collector workout), plus one long-lived tree.

usage: binary_trees.py [ITERATIONS]   (default 3; max depth 15)
"""
import sys

MAX_DEPTH = 15
MIN_DEPTH = 4


def make(depth):
    if depth == 0:
        return (None, None)
    depth -= 1
    return (make(depth), make(depth))


def check(node):
    left, right = node
    if left is None:
        return 1
    return 1 + check(left) + check(right)


def run(max_depth):
    lines = []
    stretch = max_depth + 1
    lines.append("stretch tree of depth %d\t check: %d" % (stretch, check(make(stretch))))
    long_lived = make(max_depth)
    for depth in range(MIN_DEPTH, max_depth + 1, 2):
        iterations = 2 ** (max_depth - depth + MIN_DEPTH)
        total = 0
        for _ in range(iterations):
            total += check(make(depth))
        lines.append("%d\t trees of depth %d\t check: %d" % (iterations, depth, total))
    lines.append("long lived tree of depth %d\t check: %d" % (max_depth, check(long_lived)))
    return lines


def main(iterations):
    for _ in range(iterations):
        lines = run(MAX_DEPTH)
    print("\n".join(lines))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3)
