"""fannkuch: for every permutation of 1..N, count the pancake flips needed
until 1 comes first; report the maximum and a signed checksum over the
permutations in the order a rotation-based generator produces them.

usage: fannkuch.py [ITERATIONS]   (default 4; N is 9)
"""
import sys


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    max_flips = checksum = 0
    permutations = 0
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            perm[:k + 1] = perm[k::-1]
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        checksum += flips if permutations % 2 == 0 else -flips
        permutations += 1
        while True:
            if r == n:
                return max_flips, checksum, permutations
            first = perm1[0]
            perm1[:r] = perm1[1:r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1


N = 9


def main(iterations):
    n = N
    for _ in range(iterations):
        max_flips, checksum, perms = fannkuch(n)
    print("permutations: %d" % perms)
    print("checksum: %d" % checksum)
    print("Pfannkuchen(%d) = %d" % (n, max_flips))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4)
