a = list(range(10))
print(a[2:7], a[::3], a[::-1], a[-3:], a[8:2:-2], a[100:], a[:-100])
b = a[:]
b[2:5] = ["x", "y"]; print(b)
b[1:1] = [100, 200]; print(b)
b[::2] = [0] * len(b[::2]); print(b)
b[:] = "abc"; print(b)
c = list(range(10))
del c[::3]; print(c)
del c[1:3]; print(c)
del c[-1]; print(c)
c[-2:] = []; print(c)
try:
    c[::2] = [1, 2, 3, 4, 5, 6]
except ValueError as e:
    print("ValueError:", e)
d = list(range(6))
d[1:5:2] = ["a", "b"]; print(d)
d[5:1:-1] = [9, 8, 7, 6]; print(d)
e = [1, 2, 3]
e[len(e):] = [4, 5]; print(e, e[1:-1], e[-1::-2])
