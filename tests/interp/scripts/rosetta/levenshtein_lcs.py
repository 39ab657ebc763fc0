def levenshtein(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]
def lcs(a, b):
    m = [[""] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            if a[i] == b[j]:
                m[i][j] = a[i] + m[i + 1][j + 1]
            else:
                m[i][j] = max(m[i + 1][j], m[i][j + 1], key=len)
    return m[0][0]
pairs = [("kitten", "sitting"), ("rosettacode", "raisethysword"), ("", "abc"), ("flaw", "lawn"), ("same", "same")]
for a, b in pairs:
    print(a, b, levenshtein(a, b), repr(lcs(a, b)))
