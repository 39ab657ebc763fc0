# traceback.format_exc / format_exception / extract_tb (lines whose whole statement failed: no ^^^ markers)
import traceback, sys

def f(n):
    if n == 0:
        raise ValueError("bottom")
    f(n - 1)

try:
    f(2)
except ValueError:
    text = traceback.format_exc()
    print(text.replace(__file__, "FILE"))
    exc = sys.exc_info()[1]
    print(traceback.format_exception_only(type(exc), exc))
    print([(fs.name, fs.lineno, fs.line) for fs in traceback.extract_tb(exc.__traceback__)])

def g():
    raise KeyError("k")

try:
    try:
        g()
    except KeyError as e:
        raise RuntimeError("wrapped") from e
except RuntimeError as e:
    print("".join(traceback.format_exception(e)).replace(__file__, "FILE"))
print(repr(traceback.format_exc()))
