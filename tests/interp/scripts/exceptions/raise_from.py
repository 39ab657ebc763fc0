class ConfigError(Exception):
    pass
def parse(s):
    try:
        return int(s)
    except ValueError as e:
        raise ConfigError("bad config value %r" % s) from e
try:
    parse("x1")
except ConfigError as e:
    print(e, "| cause:", type(e.__cause__).__name__, e.__cause__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise KeyError("during handling")
except KeyError as e:
    print(repr(e), type(e.__context__).__name__, e.__cause__)
try:
    raise RuntimeError("no cause") from None
except RuntimeError as e:
    print(e, e.__cause__, e.__suppress_context__)
def reraise():
    try:
        raise ValueError("original")
    except ValueError:
        print("logging and re-raising")
        raise
try:
    reraise()
except ValueError as e:
    print("outer got", e)
