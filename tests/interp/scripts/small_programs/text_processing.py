text = """It was the best of times, it was the worst of times, it was the age of
wisdom, it was the age of foolishness, it was the epoch of belief, it was the
epoch of incredulity, it was the season of Light, it was the season of Darkness."""
words = [w.strip(".,").lower() for w in text.split()]
freq = {}
for w in words:
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
for w, n in top:
    print("%-8s %3d %s" % (w, n, "*" * n))
print(len(words), len(freq), max(words, key=len), sorted(set(w[0] for w in words)))
def is_palindrome(s):
    t = [c.lower() for c in s if c.isalnum()]
    return t == t[::-1]
for s in ["A man, a plan, a canal: Panama", "racecar", "hello", "Was it a car or a cat I saw?", ""]:
    print(repr(s), is_palindrome(s))
def caesar(s, k):
    out = []
    for c in s:
        if c.isalpha():
            base = ord("A") if c.isupper() else ord("a")
            out.append(chr((ord(c) - base + k) % 26 + base))
        else:
            out.append(c)
    return "".join(out)
enc = caesar("Hello, World! xyz", 3)
print(enc, caesar(enc, -3))
groups = {}
for w in ["listen", "silent", "enlist", "google", "gooegl", "cat", "act", "tac", "dog"]:
    groups.setdefault("".join(sorted(w)), []).append(w)
print([g for g in groups.values() if len(g) > 1])
print(" ".join(w.capitalize() for w in "the quick brown fox".split()), "snake_case_name".split("_"))
