class Res:
    def __init__(self, name, log):
        self.name, self.log = name, log
    def __enter__(self):
        self.log.append("open " + self.name)
        return self.name.upper()
    def __exit__(self, *exc):
        self.log.append("close " + self.name)
        return False
log = []
with Res("a", log) as a, Res("b", log) as b:
    log.append("body %s %s" % (a, b))
print(log)
log = []
try:
    with Res("x", log), Res("y", log):
        raise RuntimeError("in body")
except RuntimeError as e:
    log.append("caught " + str(e))
print(log)
