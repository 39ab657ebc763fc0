class AppError(Exception):
    pass
class NotFound(AppError):
    def __init__(self, key):
        super().__init__("not found: %s" % key)
        self.key = key
class Invalid(AppError):
    def __init__(self, field, reason):
        self.field, self.reason = field, reason
    def __str__(self):
        return "%s is invalid (%s)" % (self.field, self.reason)
def lookup(k):
    if k == "bad":
        raise Invalid("k", "reserved")
    if k != "ok":
        raise NotFound(k)
    return 1
for k in ["ok", "zz", "bad"]:
    try:
        print(lookup(k))
    except NotFound as e:
        print("NotFound", e, e.key, e.args)
    except AppError as e:
        print(type(e).__name__, e, e.field, repr(e.reason))
e = ValueError("a", 2)
print(e.args, str(e), repr(e), repr(ValueError("x")), str(KeyError("key")), repr(Exception()))
