import random
a = random.Random(123)
b = random.Random(123)
print([a.random() for _ in range(3)] == [b.random() for _ in range(3)])
print(a.randint(0, 1000), b.randint(0, 1000), a.choice(range(50)))
c = random.Random()
c.seed(7)
print(c.random(), c.randrange(1, 1000), c.uniform(-1, 1))
deck = [r + s for r in "A23456789TJQK" for s in "shdc"]
rng = random.Random(2024)
rng.shuffle(deck)
print(deck[:13])
hands = [deck[i::4][:5] for i in range(4)]
print(hands)
random.seed(5)
x = random.random()
random.seed(5)
print(x == random.random())
print(random.Random(99).sample(range(1000), 8), random.Random(1).choices("abc", k=5))
