# random: gamma, beta, von Mises, lognormal, Pareto and Weibull draws follow CPython (seeded streams agree)
import random
random.seed(7)
for f, args in [(random.gammavariate, (0.5, 2)), (random.gammavariate, (1.0, 2)), (random.gammavariate, (3.5, 1)), (random.betavariate, (0.3, 0.7)), (random.vonmisesvariate, (1, 4)), (random.vonmisesvariate, (0, 0)), (random.lognormvariate, (1, 0.5)), (random.paretovariate, (3,)), (random.weibullvariate, (2, 0.5))]:
    print(f.__name__, [round(f(*args), 12) for _ in range(5)])
r = random.Random(3)
print(r.betavariate(2, 2), r.gammavariate(9, 0.5), r.randint(0, 9))
try: random.gammavariate(-1, 1)
except ValueError as e: print(e)
