records = [("b", 2), ("a", 2), ("c", 1), ("d", 1), ("e", 3), ("f", 2)]
by_num = sorted(records, key=lambda r: r[1])
print(by_num)
print(sorted(records, key=lambda r: r[1], reverse=True))
twice = sorted(sorted(records, key=lambda r: r[0], reverse=True), key=lambda r: r[1])
print(twice)
words = ["bb", "a", "ccc", "dd", "e", "fff"]
words.sort(key=len)
print(words)
words.sort(key=len, reverse=True)
print(words)
import random
rng = random.Random(3)
items = [(rng.randint(0, 5), i) for i in range(200)]
s = sorted(items, key=lambda t: t[0])
print(all(s[i][1] < s[i + 1][1] for i in range(len(s) - 1) if s[i][0] == s[i + 1][0]))
