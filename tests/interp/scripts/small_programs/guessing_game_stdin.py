import random
random.seed(2718)
secret = random.randint(1, 100)
tries = 0
while True:
    line = input("Your guess: ")
    if not line.strip():
        print("please type a number")
        continue
    try:
        guess = int(line)
    except ValueError:
        print("not a number: %r" % line)
        continue
    tries += 1
    if guess < secret:
        print("higher")
    elif guess > secret:
        print("lower")
    else:
        print("got it in %d tries" % tries)
        break
