from collections import defaultdict
dd = defaultdict(list)
for word in "apple avocado banana blueberry cherry".split():
    dd[word[0]].append(word)
print(dict(dd), dd["z"], len(dd), sorted(dd))
counts = defaultdict(int)
for c in "mississippi":
    counts[c] += 1
print(sorted(counts.items()), counts.default_factory is int)
nested = defaultdict(lambda: defaultdict(int))
nested["a"]["b"] += 2
print(nested["a"]["b"], nested["x"]["y"])
