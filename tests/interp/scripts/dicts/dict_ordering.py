d = {}
for k in ["zebra", "apple", "mango", "kiwi"]:
    d[k] = len(k)
print(d, list(d))
del d["apple"]
d["apple"] = 0
print(d)
d["zebra"] = 99
print(d)
for k in list(d):
    if d[k] > 4:
        del d[k]
print(d)
m = {i: i * i for i in range(10)}
for i in range(0, 10, 2):
    del m[i]
m[0] = "back"
print(m, list(m.items())[:3])
print({1: 1, 2: 2} == {2: 2, 1: 1}, list(reversed({"a": 1, "b": 2})))
try:
    for k in m:
        m[k + 100] = 1
except RuntimeError as e:
    print("RuntimeError:", e)
