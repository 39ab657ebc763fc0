name = input()
age = int(input("Age? "))
print()
print("Hello, %s! Next year you will be %d." % (name, age + 1))
total = 0
while True:
    try:
        line = input()
    except EOFError:
        break
    total += sum(int(x) for x in line.split())
print("total", total)
