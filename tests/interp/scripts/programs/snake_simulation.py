from collections import deque
import random
W, H = 12, 8
rng = random.Random(4)
snake = deque([(5, 4), (4, 4), (3, 4)])
direction = (1, 0)
food = (9, 4)
score = 0
moves = "RRRRDDLLLLLLUUURRRRRRRRDDDDLLL"
turns = {"R": (1, 0), "L": (-1, 0), "U": (0, -1), "D": (0, 1)}
log = []
for step, m in enumerate(moves):
    nd = turns[m]
    if (nd[0] + direction[0], nd[1] + direction[1]) != (0, 0):
        direction = nd
    head = ((snake[0][0] + direction[0]) % W, (snake[0][1] + direction[1]) % H)
    if head in list(snake)[:-1]:
        log.append("crash at step %d" % step)
        break
    snake.appendleft(head)
    if head == food:
        score += 1
        free = [(x, y) for y in range(H) for x in range(W) if (x, y) not in snake]
        food = rng.choice(free)
        log.append("ate at step %d, new food %s" % (step, food))
    else:
        snake.pop()
print("\n".join(log))
grid = [["."] * W for _ in range(H)]
grid[food[1]][food[0]] = "*"
for i, (x, y) in enumerate(snake):
    grid[y][x] = "@" if i == 0 else "o"
print("\n".join("".join(r) for r in grid))
print("score", score, "length", len(snake), "head", snake[0])
