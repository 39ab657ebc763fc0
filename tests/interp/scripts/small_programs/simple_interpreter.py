# A line-oriented mini language: let, print, if/goto, arithmetic via a
# tiny expression evaluator that honours precedence.
PROGRAM = """
let n = 10
let a = 0
let b = 1
let i = 0
label loop
if i >= n goto done
print a
let t = a + b
let a = b
let b = t
let i = i + 1
goto loop
label done
print a * 2 - (b - a) / 2
"""
def evaluate(expr, env):
    tokens = expr.replace("(", " ( ").replace(")", " ) ").split()
    pos = [0]
    def peek():
        return tokens[pos[0]] if pos[0] < len(tokens) else None
    def take():
        pos[0] += 1
        return tokens[pos[0] - 1]
    def atom():
        t = take()
        if t == "(":
            v = expr_()
            take()
            return v
        return int(t) if t.lstrip("-").isdigit() else env[t]
    def term():
        v = atom()
        while peek() in ("*", "/", "%"):
            op = take()
            r = atom()
            v = v * r if op == "*" else v // r if op == "/" else v % r
        return v
    def expr_():
        v = term()
        while peek() in ("+", "-"):
            v = v + term() if take() == "+" else v - term()
        return v
    return expr_()
def run(src):
    lines = [l.strip() for l in src.strip().splitlines() if l.strip()]
    labels = {l.split()[1]: i for i, l in enumerate(lines) if l.startswith("label ")}
    env, pc, out = {}, 0, []
    ops = {">=": lambda a, b: a >= b, "<": lambda a, b: a < b, "==": lambda a, b: a == b}
    while pc < len(lines):
        parts = lines[pc].split()
        pc += 1
        if parts[0] == "let":
            env[parts[1]] = evaluate(" ".join(parts[3:]), env)
        elif parts[0] == "print":
            out.append(evaluate(" ".join(parts[1:]), env))
        elif parts[0] == "goto":
            pc = labels[parts[1]]
        elif parts[0] == "if":
            if ops[parts[2]](evaluate(parts[1], env), evaluate(parts[3], env)):
                pc = labels[parts[5]]
    return out, env
out, env = run(PROGRAM)
print(out)
print(sorted(env.items()))
