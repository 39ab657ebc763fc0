def show(*args, **kwargs):
    print(args, sorted(kwargs.items()))
show()
show(1, *[2, 3], *(4,), x=1, **{"y": 2}, **{"z": 3})
args = (1, 2)
kwargs = {"sep": "|", "end": "!\n"}
print(*args, **kwargs)
def three(a, b, c):
    return a * 100 + b * 10 + c
print(three(*"123" and [1, 2, 3]), three(1, *[2], **{"c": 3}), three(**dict(c=1, b=2, a=3)))
try:
    three(1, 2, 3, a=1)
except TypeError as e:
    print("TypeError:", e)
try:
    three(**{"a": 1, "b": 2, "d": 4})
except TypeError as e:
    print("TypeError:", e)
