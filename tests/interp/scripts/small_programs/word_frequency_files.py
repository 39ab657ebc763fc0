text = """Beautiful is better than ugly.
Explicit is better than implicit.
Simple is better than complex.
Complex is better than complicated.
Flat is better than nested.
Sparse is better than dense.
Readability counts."""
with open("zen.txt", "w") as f:
    f.write(text)
counts = {}
lines = 0
with open("zen.txt") as f:
    for line in f:
        lines += 1
        for word in line.lower().replace(".", "").split():
            counts[word] = counts.get(word, 0) + 1
print(lines, len(counts))
for word, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]:
    print(f"{word:>10}: {n}")
with open("summary.txt", "w") as out:
    for word in sorted(counts):
        if counts[word] == 1:
            out.write(word + "\n")
with open("summary.txt") as f:
    singles = f.read().split()
print(len(singles), singles[:5])
