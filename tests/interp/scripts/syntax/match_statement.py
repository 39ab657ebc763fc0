def describe(cmd):
    match cmd.split():
        case []:
            return "empty"
        case ["go", direction]:
            return "going " + direction
        case ["take", *things] if things:
            return "taking " + ", ".join(things)
        case ["quit" | "exit"]:
            return "bye"
        case [verb, *_]:
            return "unknown verb " + verb
for c in ["", "go north", "take lamp key", "take", "exit", "dance wildly"]:
    print(repr(c), "->", describe(c))
def shape(v):
    match v:
        case 0 | 1:
            return "tiny int"
        case int(n) if n < 0:
            return "negative %d" % n
        case int():
            return "int"
        case (x, y):
            return "pair %s,%s" % (x, y)
        case {"kind": "circle", "r": r}:
            return "circle r=%s" % r
        case str() as s:
            return "string of %d" % len(s)
        case _:
            return "other " + type(v).__name__
for v in [0, -5, 42, (1, 2), {"kind": "circle", "r": 3}, "hey", 2.5, [1, 2, 3]]:
    print(repr(v), "->", shape(v))
