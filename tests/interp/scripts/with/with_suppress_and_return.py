class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            print("suppressed", et.__name__, ev)
            return True
        return False
with Suppress(KeyError, IndexError):
    [][1]
print("continues")
def early():
    with Suppress(ValueError):
        return "returned inside with"
print(early())
def loop():
    out = []
    for i in range(4):
        with Suppress(ZeroDivisionError):
            out.append(10 // (i - 2))
            if i == 3:
                break
    return out
print(loop())
