import sys, math
import random as rnd
from math import sqrt, floor as fl
from collections import deque, defaultdict
from itertools import count
import time
print(sqrt(16), fl(2.5), math.ceil(2.5), type(sys.argv).__name__, deque([1]), defaultdict(int)["x"])
rnd.seed(1)
print(rnd.randint(1, 100), next(count(5)), time.time() > 1600000000)
def lazy():
    import math as m2
    return m2 is math
print(lazy(), "math" in sys.modules)
