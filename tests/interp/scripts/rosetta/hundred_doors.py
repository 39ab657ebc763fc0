doors = [False] * 101
for step in range(1, 101):
    for d in range(step, 101, step):
        doors[d] = not doors[d]
print([i for i in range(1, 101) if doors[i]])
print([i * i for i in range(1, 11)] == [i for i in range(1, 101) if doors[i]])
