class Config:
    defaults = {"debug": False, "level": 1}
    def __init__(self, **kw):
        for k, v in self.defaults.items():
            setattr(self, k, kw.get(k, v))
c = Config(level=5)
print(c.debug, c.level, getattr(c, "level"), getattr(c, "nope", None), hasattr(c, "debug"), hasattr(c, "x"))
for name in ["debug", "level"]:
    setattr(c, name, str(getattr(c, name)) + "!")
print(c.debug, c.level)
try:
    getattr(c, "missing")
except AttributeError as e:
    print("AttributeError:", e)
methods = [m for m in ["upper", "lower", "title", "nothing"] if hasattr("s", m)]
print(methods, [getattr("mIxEd", m)() for m in methods])
print(callable(getattr(c, "__init__")), getattr(len, "__name__"))
