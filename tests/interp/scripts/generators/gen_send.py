def averager():
    total = 0.0
    count = 0
    avg = None
    while True:
        value = yield avg
        if value is None:
            break
        total += value
        count += 1
        avg = total / count
    return avg
a = averager()
next(a)
for v in [10, 20, 60]:
    print(a.send(v))
try:
    a.send(None)
except StopIteration as e:
    print("final", e.value)
def echo():
    received = []
    try:
        while True:
            x = yield len(received)
            received.append(x)
    except GeneratorExit:
        print("closed with", received)
e = echo()
next(e); e.send("a"); e.send("b"); e.close()
def catcher():
    while True:
        try:
            yield
        except ValueError as err:
            print("caught", err)
c = catcher()
next(c)
c.throw(ValueError("boom"))
c.close()
