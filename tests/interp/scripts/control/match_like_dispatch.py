# Dispatch tables and nested conditionals, the usual pre-3.10 style.
def op_add(a, b): return a + b
def op_sub(a, b): return a - b
def op_mul(a, b): return a * b
ops = {"+": op_add, "-": op_sub, "*": op_mul, "/": lambda a, b: a / b}
prog = [("+", 2, 3), ("*", 4, 5), ("-", 1, 10), ("/", 7, 2), ("%", 1, 1)]
for op, a, b in prog:
    fn = ops.get(op)
    print(op, a, b, "->", fn(a, b) if fn else "unknown op")
