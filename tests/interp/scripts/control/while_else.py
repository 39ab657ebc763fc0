i = 0
while i < 5:
    i += 1
    if i == 3:
        continue
    print("i", i)
else:
    print("while done", i)
n = 27
steps = 0
while n != 1:
    n = n // 2 if n % 2 == 0 else 3 * n + 1
    steps += 1
    if steps > 1000:
        break
else:
    print("collatz steps", steps)
while True:
    steps -= 100
    if steps < 0:
        break
print("after", steps)
