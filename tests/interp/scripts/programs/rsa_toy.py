# Textbook RSA with small-but-real primes: Miller-Rabin with fixed bases,
# key generation from a seeded generator, modular inverse, and CRT decrypt.
import random
def is_probable_prime(n):
    if n < 2:
        return False
    small = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37]
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for a in small:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True
def random_prime(rng, bits):
    while True:
        c = rng.getrandbits(bits) | (1 << (bits - 1)) | 1
        if is_probable_prime(c):
            return c
def egcd(a, b):
    if b == 0:
        return a, 1, 0
    g, x, y = egcd(b, a % b)
    return g, y, x - (a // b) * y
rng = random.Random(65537)
p, q = random_prime(rng, 256), random_prime(rng, 256)
n, phi, e = p * q, (p - 1) * (q - 1), 65537
g, x, _ = egcd(e, phi)
d = x % phi
print("n bits", n.bit_length(), "gcd", g, "d == pow(e,-1,phi):", d == pow(e, -1, phi))
msg = int.from_bytes("attack at dawn".encode(), "big")
c = pow(msg, e, n)
m1 = pow(c, d, n)
dp, dq, qinv = d % (p - 1), d % (q - 1), pow(q, -1, p)
m_p, m_q = pow(c, dp, p), pow(c, dq, q)
m2 = m_q + q * ((qinv * (m_p - m_q)) % p)
print(m1 == msg, m2 == msg, m1.to_bytes((m1.bit_length() + 7) // 8, "big").decode())
print(hex(c)[:20], str(n)[:20], len(str(n)))
sig = pow(12345, d, n)
print("signature verifies:", pow(sig, e, n) == 12345)
print([n for n in range(100, 200) if is_probable_prime(n)])
print(is_probable_prime(2 ** 127 - 1), is_probable_prime(2 ** 128 + 1), is_probable_prime(561))
