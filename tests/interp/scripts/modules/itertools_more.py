import itertools
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([3, 1, 4], max)))
print([(k, list(g)) for k, g in itertools.groupby("aaabbcdd")])
print([(k, len(list(g))) for k, g in itertools.groupby(sorted([3, 1, 3, 2, 1, 3]))])
print(list(itertools.takewhile(lambda x: x < 4, [1, 3, 5, 2])), list(itertools.dropwhile(lambda x: x < 4, [1, 3, 5, 2])))
print(list(itertools.zip_longest("abc", [1], fillvalue="-")), list(itertools.starmap(pow, [(2, 3), (3, 2)])))
print(list(itertools.islice(itertools.cycle("ab"), 5)), list(itertools.compress("abcdef", [1, 0, 1, 0, 1])))
print(list(itertools.combinations_with_replacement("ab", 2)), list(itertools.filterfalse(lambda x: x % 2, range(6))))
