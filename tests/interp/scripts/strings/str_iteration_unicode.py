words = ["naïve", "café", "日本語", "emoji😀", "plain"]
for w in words:
    print(w, len(w), w[::-1], w.upper(), [ord(c) for c in w[:3]])
print(sorted(words), max(words, key=len))
text = "the rain in spain stays mainly in the plain"
counts = {}
for ch in text:
    if ch.isalpha():
        counts[ch] = counts.get(ch, 0) + 1
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5])
print(text.count("ain"), text.title(), text.split("ain"))
print("".join(c.upper() if i % 2 else c for i, c in enumerate("alternating")))
