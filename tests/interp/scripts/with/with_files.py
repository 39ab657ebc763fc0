with open("test_out.txt", "w") as f:
    f.write("first line\n")
    f.write("second line\n")
    print("third", 3, file=f)
with open("test_out.txt") as f:
    print(repr(f.read()))
with open("test_out.txt") as f:
    for i, line in enumerate(f):
        print(i, line.rstrip("\n"))
with open("test_out.txt", "a") as f:
    f.write("appended\n")
with open("test_out.txt", "r") as f:
    lines = f.readlines()
print(lines, len(lines))
with open("test_out.txt") as f:
    print(repr(f.readline()), repr(f.readline()))
f = open("test_out.txt")
data = f.read()
f.close()
print(len(data), f.closed)
try:
    open("does_not_exist.txt")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno)
except OSError as e:
    print("OSError", e)
