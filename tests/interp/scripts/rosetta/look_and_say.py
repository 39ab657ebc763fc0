def next_term(s):
    out, i = [], 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append(str(j - i) + s[i])
        i = j
    return "".join(out)
s = "1"
for _ in range(12):
    print(s)
    s = next_term(s)
lengths = []
t = "1"
for _ in range(40):
    lengths.append(len(t))
    t = next_term(t)
print(lengths[-5:], round(lengths[-1] / lengths[-2], 6))
