def is_pangram(s):
    return set("abcdefghijklmnopqrstuvwxyz") <= set(s.lower())
for s in ["The quick brown fox jumps over the lazy dog", "Hello world", "Pack my box with five dozen liquor jugs"]:
    print(is_pangram(s), s)
words = "stop pots tops opts post spot least slate stale tales steal teals cat dog god act".split()
classes = {}
for w in words:
    classes.setdefault(tuple(sorted(w)), []).append(w)
biggest = max(len(v) for v in classes.values())
print(biggest, sorted(sorted(v) for v in classes.values() if len(v) == biggest))
letters = {}
for ch in "mississippi river":
    if ch != " ":
        letters[ch] = letters.get(ch, 0) + 1
print(sorted(letters.items(), key=lambda kv: (-kv[1], kv[0])))
