# repr escapes the characters str.isprintable rejects (spaces other than ' ', format chars, private use)
for c in ' a\xa0\xad\u200b\u2028\u3000\ufeff\ue000\u0378\xe9\u4e2d\U0001f600\u00a1\u061c':
    print(hex(ord(c)), c.isprintable(), ascii(repr(c)))
print(repr('x\u200by'), ascii('caf\xe9'))
count = sum(1 for i in range(0x3000) if chr(i).isprintable())
print(count)
