# Run-length and Huffman coding of text, with round-trip checks.
def rle_encode(s):
    out, i = [], 0
    while i < len(s):
        j = i
        while j < len(s) and s[j] == s[i]:
            j += 1
        out.append((s[i], j - i))
        i = j
    return "".join("%d%s" % (n, c) if n > 1 else c for c, n in out)
def rle_decode(s):
    out, num = [], ""
    for ch in s:
        if ch.isdigit():
            num += ch
        else:
            out.append(ch * (int(num) if num else 1))
            num = ""
    return "".join(out)
def huffman_codes(text):
    freq = {}
    for ch in text:
        freq[ch] = freq.get(ch, 0) + 1
    nodes = [(n, i, ch) for i, (ch, n) in enumerate(sorted(freq.items()))]
    counter = len(nodes)
    while len(nodes) > 1:
        nodes.sort(key=lambda t: (t[0], t[1]))
        a, b = nodes.pop(0), nodes.pop(0)
        nodes.append((a[0] + b[0], counter, (a, b)))
        counter += 1
    codes = {}
    def walk(node, prefix):
        payload = node[2]
        if isinstance(payload, tuple):
            walk(payload[0], prefix + "0")
            walk(payload[1], prefix + "1")
        else:
            codes[payload] = prefix or "0"
    walk(nodes[0], "")
    return codes
def huffman_decode(bits, codes):
    rev = {v: k for k, v in codes.items()}
    out, cur = [], ""
    for b in bits:
        cur += b
        if cur in rev:
            out.append(rev[cur])
            cur = ""
    return "".join(out)
for s in ["aaabccddddde", "abc", "", "zzzzzzzzzzzz", "WWWWWWWWWWWWBWWWWWWWWWWWWBBBWWWWWWWWWWWWWWWWWWWWWWWWBWWWWWWWWWWWWWW"]:
    e = rle_encode(s)
    print(repr(e), rle_decode(e) == s)
text = "this is an example of a huffman tree built from scratch in python"
codes = huffman_codes(text)
bits = "".join(codes[c] for c in text)
print(sorted(codes.items(), key=lambda kv: (len(kv[1]), kv[0]))[:6])
print(len(bits), len(text) * 8, huffman_decode(bits, codes) == text)
