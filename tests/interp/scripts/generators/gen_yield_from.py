def inner(n):
    for i in range(n):
        yield i
    return n * 10
def outer():
    r = yield from inner(3)
    print("inner returned", r)
    yield from "ab"
    yield from [True, None]
print(list(outer()))
def flatten(x):
    if isinstance(x, list):
        for item in x:
            yield from flatten(item)
    else:
        yield x
print(list(flatten([1, [2, [3, [4, [5]]], 6], [[7]]])))
def tree(depth):
    if depth == 0:
        yield "leaf"
        return
    yield "node%d" % depth
    yield from tree(depth - 1)
    yield from tree(depth - 1)
print(list(tree(2)))
