print(f"{x!z}")
print(f"{}")
f"{a:{b:{c}}}"
