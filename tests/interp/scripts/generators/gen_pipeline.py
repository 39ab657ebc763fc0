def read_lines(text):
    for line in text.split("\n"):
        yield line
def non_empty(lines):
    return (l for l in lines if l.strip())
def parse(lines):
    for l in lines:
        name, score = l.split(":")
        yield name.strip(), int(score)
def top(records, n):
    return sorted(records, key=lambda r: -r[1])[:n]
data = """alice: 90
bob: 72

carol: 95
dave: 88
"""
print(top(parse(non_empty(read_lines(data))), 3))
def primes():
    found = []
    n = 2
    while True:
        if all(n % p for p in found):
            found.append(n)
            yield n
        n += 1
gen = primes()
print([next(gen) for _ in range(20)])
def take(n, it):
    for i, x in enumerate(it):
        if i >= n:
            return
        yield x
print(list(take(5, (x * x for x in primes()))))
