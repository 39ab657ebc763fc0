def sieve(n):
    is_p = [True] * (n + 1)
    is_p[0] = is_p[1] = False
    for i in range(2, int(n ** 0.5) + 1):
        if is_p[i]:
            is_p[i * i::i] = [False] * len(range(i * i, n + 1, i))
    return [i for i, p in enumerate(is_p) if p]
ps = sieve(10000)
print(len(ps), ps[:15], ps[-3:], sum(ps))
def factorize(n):
    out, d = [], 2
    while d * d <= n:
        while n % d == 0:
            out.append(d)
            n //= d
        d += 1
    if n > 1:
        out.append(n)
    return out
for n in [360, 97, 1001, 2 ** 20 - 1, 600851475143]:
    print(n, factorize(n))
twins = [(p, p + 2) for p in ps if p + 2 in set(ps)][:8]
print(twins)
goldbach = {n: next((p, n - p) for p in ps if (n - p) in set(ps)) for n in range(4, 31, 2)}
print(goldbach)
