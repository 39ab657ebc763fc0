# open() in binary mode: write bytes/bytearray, read/readline/iterate give bytes
with open("b.bin", "wb") as f:
    print(f.write(b"ab\x00\xff\n"), f.write(bytearray(b"xy\n")))
    try: f.write("s")
    except TypeError as e: print(e)
with open("b.bin", "rb") as f:
    print(f.read())
with open("b.bin", "rb") as f:
    print(f.readline(), list(f), f.mode)
with open("b.bin", "ab") as f: f.write(b"z")
print(open("b.bin", "rb").read(3), len(open("b.bin", "rb").read()))
try: open("t.txt", "w").write(b"x")
except TypeError as e: print(e)
