import time
t0 = time.time()
p0 = time.perf_counter()
m0 = time.monotonic()
time.sleep(0.05)
dt = time.perf_counter() - p0
print(0.04 < dt < 10.0, time.monotonic() >= m0, time.time() >= t0, t0 > 1.6e9)
print(type(time.time()).__name__, type(time.perf_counter()).__name__)
start = time.perf_counter()
s = 0
for i in range(100000):
    s += i
print(s, time.perf_counter() - start >= 0)
time.sleep(0)
print("slept zero")
