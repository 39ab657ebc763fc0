from itertools import count, islice, chain, product, permutations, combinations, repeat
print(list(islice(count(), 5)), list(islice(count(10, 5), 3)), list(islice(count(1.5, 0.5), 3)))
print(list(islice("abcdefg", 2, 6, 2)), list(islice(range(100), 3)), list(islice(range(10), 2, None)))
print(list(chain([1, 2], "ab", (3,))), list(chain.from_iterable([[1], [2, 3], []])))
print(list(product("ab", range(2))), list(product([0, 1], repeat=3))[:4], len(list(product(range(3), repeat=3))))
print(list(permutations([1, 2, 3])), list(permutations("abcd", 2))[:5], len(list(permutations(range(5)))))
print(list(combinations("abcd", 2)), list(combinations(range(5), 3))[-2:], list(combinations([1], 2)))
print(list(repeat("x", 3)), list(zip(range(3), repeat(0))), list(map(pow, range(5), repeat(2))))
