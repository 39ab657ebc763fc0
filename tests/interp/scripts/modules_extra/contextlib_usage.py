import contextlib
@contextlib.contextmanager
def tag(name, log):
    log.append("<%s>" % name)
    try:
        yield name.upper()
    finally:
        log.append("</%s>" % name)
log = []
with tag("a", log) as t:
    log.append(t)
    with tag("b", log):
        log.append("inner")
print(log)
with contextlib.suppress(KeyError):
    {}["missing"]
print("suppressed")
try:
    with tag("c", log):
        raise ValueError("boom")
except ValueError as e:
    print("propagated", e, log[-1])
