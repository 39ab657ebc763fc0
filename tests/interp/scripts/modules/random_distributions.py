# The rest of random's everyday API, seeded: every number must be CPython's.
import random
random.seed(10)
print([round(random.gauss(0, 1), 12) for _ in range(4)])
print([round(random.normalvariate(100, 15), 10) for _ in range(3)])
print([round(random.expovariate(0.5), 12) for _ in range(3)])
print([round(random.triangular(0, 10, 3), 12) for _ in range(3)], round(random.triangular(), 12))
print(random.choices("abc", weights=[1, 5, 10], k=8), random.choices(range(5), cum_weights=[1, 2, 3, 4, 5], k=4))
state = random.getstate()
a = [random.random() for _ in range(3)]
random.setstate(state)
print(a == [random.random() for _ in range(3)])
random.seed("a string seed")
print(random.random(), random.randint(1, 10 ** 30))
random.seed(b"bytes seed")
print(random.random())
rng = random.Random(99)
print(sorted(rng.sample(range(10 ** 9), 5)), rng.randrange(0, 10 ** 25, 7))
