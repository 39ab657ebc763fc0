lines = ["alpha 1", "beta 22", "gamma 333", "", "delta 4444"]
with open("data.txt", "w") as f:
    for l in lines:
        f.write(l + "\n")
total = 0
with open("data.txt") as f:
    for line in f:
        parts = line.split()
        if len(parts) == 2:
            total += int(parts[1])
print(total)
with open("data.txt") as f:
    content = f.read()
print(len(content), content.count("\n"), repr(content[:15]))
with open("data.txt") as f:
    first = f.readline()
    rest = f.read()
print(repr(first), rest.splitlines()[-1])
with open("unicode.txt", "w", encoding="utf-8") as f:
    f.write("héllo ☃\n")
with open("unicode.txt", encoding="utf-8") as f:
    u = f.read()
print(u.strip(), len(u))
