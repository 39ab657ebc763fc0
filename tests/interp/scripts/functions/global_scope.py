count = 0
def bump():
    global count
    count += 1
def read():
    return count
for _ in range(3):
    bump()
print(count, read())
def make():
    global made
    made = "created"
make()
print(made)
def local_before_assign():
    try:
        print(count)
        count = 5
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
local_before_assign()
try:
    print(undefined_name)
except NameError as e:
    print("NameError:", e)
