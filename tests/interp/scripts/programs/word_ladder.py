from collections import deque
WORDS = """cold cord card ward warm word worm wore core bore bare barn born corn
coal goal gold bold bolt boat coat cost most mist mast cast case cave gave""".split()
def neighbours(word, words):
    for i in range(len(word)):
        for c in "abcdefghijklmnopqrstuvwxyz":
            if c != word[i]:
                w = word[:i] + c + word[i + 1:]
                if w in words:
                    yield w
def ladder(start, goal, words):
    words = set(words)
    prev = {start: None}
    q = deque([start])
    while q:
        w = q.popleft()
        if w == goal:
            path = []
            while w:
                path.append(w)
                w = prev[w]
            return path[::-1]
        for n in sorted(neighbours(w, words)):
            if n not in prev:
                prev[n] = w
                q.append(n)
    return None
for a, b in [("cold", "warm"), ("coal", "gold"), ("cost", "cave"), ("cold", "mist"), ("bolt", "zzzz")]:
    path = ladder(a, b, WORDS)
    print(a, b, " -> ".join(path) if path else "no ladder", len(path) - 1 if path else -1)
