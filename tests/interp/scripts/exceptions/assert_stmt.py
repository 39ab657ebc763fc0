def check(x):
    assert x > 0, "x must be positive, got %d" % x
    assert isinstance(x, int)
    return x
print(check(5))
try:
    check(-1)
except AssertionError as e:
    print("AssertionError:", e)
try:
    assert False
except AssertionError as e:
    print("bare assert:", repr(e), e.args)
try:
    assert [], ["list", "message"]
except AssertionError as e:
    print(e.args[0])
