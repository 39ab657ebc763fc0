def attempt(x):
    try:
        r = 10 / x
    except ZeroDivisionError:
        print("div by zero")
        return "zero"
    except TypeError as e:
        print("type error:", e)
        return "type"
    else:
        print("no error", r)
        return "ok"
    finally:
        print("finally for", repr(x))
print(attempt(2), attempt(0), attempt("s"))
def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides())
def nested():
    try:
        try:
            raise ValueError("inner")
        finally:
            print("inner finally")
    except ValueError as e:
        print("outer caught", e)
nested()
try:
    pass
except Exception:
    print("never")
else:
    print("else runs")
