def digits_sum(n):
    return sum(int(d) for d in str(n))
print(digits_sum(2 ** 1000), digits_sum(100), len(str(2 ** 1000)))
def collatz(n):
    steps = 0
    while n != 1:
        n = 3 * n + 1 if n % 2 else n // 2
        steps += 1
    return steps
print(max(range(1, 10000), key=collatz), collatz(27))
def is_armstrong(n):
    s = str(n)
    return n == sum(int(d) ** len(s) for d in s)
print([n for n in range(1, 10000) if is_armstrong(n)])
def perfect(limit):
    return [n for n in range(2, limit) if sum(d for d in range(1, n // 2 + 1) if n % d == 0) == n]
print(perfect(10000))
fib = [0, 1]
while len(str(fib[-1])) < 50:
    fib.append(fib[-1] + fib[-2])
print(len(fib) - 1, fib[-1])
print([n for n in range(10, 200) if str(n) == str(n)[::-1] and all(n % d for d in range(2, int(n ** 0.5) + 1))])
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
print(gcd(1071, 462), gcd(2 ** 60, 6 ** 30), [(a, b) for a in range(1, 13) for b in range(a, 13) if gcd(a, b) == 1 and a * b == 12])
