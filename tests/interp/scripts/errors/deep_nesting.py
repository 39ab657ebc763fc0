# Deep data and expression nesting must not crash the interpreter.
x = []
for _ in range(10000):
    x = [x]
depth = 0
while x:
    x = x[0]
    depth += 1
print(depth)
d = {}
cur = d
for i in range(5000):
    cur["k"] = {}
    cur = cur["k"]
print(len(d))
t = ()
for i in range(1000):
    t = (t, i)
print(t[1], t[0][1])
s = 0
for a in range(3):
    for b in range(3):
        for c in range(3):
            for e in range(3):
                for f in range(3):
                    for g in range(3):
                        if a + b + c + e + f + g == 9:
                            s += 1
print(s)
print(((((((((((((((((((((1 + 2)))))))))))))))))))))
