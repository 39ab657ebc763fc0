found = None
for i in range(5):
    for j in range(5):
        if j > i:
            break
        if (i + j) % 2:
            continue
        if i * j == 6:
            found = (i, j)
print(found)
out = []
for i in range(3):
    j = 0
    while True:
        j += 1
        if j == 2:
            continue
        if j > 3:
            break
        out.append((i, j))
print(out)
for i in range(3):
    try:
        if i == 1:
            continue
        print("body", i)
    finally:
        print("finally", i)
for i in range(3):
    try:
        break
    finally:
        print("finally on break", i)
