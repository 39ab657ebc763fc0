for i in range(1, 21):
    print("FizzBuzz" if i % 15 == 0 else "Fizz" if i % 3 == 0 else "Buzz" if i % 5 == 0 else i, end=" ")
print()
rules = [(3, "Fizz"), (5, "Buzz"), (7, "Bazz")]
out = []
for i in range(1, 36):
    s = "".join(word for d, word in rules if i % d == 0)
    out.append(s or str(i))
print(", ".join(out))
print(sum(i for i in range(1000) if i % 3 == 0 or i % 5 == 0))
