for exc in (KeyboardInterrupt, SystemExit, GeneratorExit, ValueError):
    try:
        try:
            raise exc("x")
        except Exception:
            print(exc.__name__, "caught by Exception")
    except BaseException as e:
        print(exc.__name__, "only caught by BaseException:", type(e).__name__)
def gen():
    try:
        yield 1
        yield 2
    finally:
        print("generator finalised")
g = gen()
print(next(g))
g.close()
print("after close")
try:
    try:
        raise ValueError("first")
    finally:
        print("finally runs before the handler")
except ValueError as e:
    print("handled", e)
try:
    try:
        raise ValueError("original")
    finally:
        raise TypeError("replacement")
except Exception as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
