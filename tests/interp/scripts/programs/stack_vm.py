# A tiny stack-machine assembler and interpreter running a few programs.
class VMError(Exception):
    pass

def assemble(src):
    code, labels = [], {}
    for raw in src.strip().splitlines():
        line = raw.split(";")[0].strip()
        if not line:
            continue
        if line.endswith(":"):
            labels[line[:-1]] = len(code)
            continue
        op, *args = line.split()
        code.append((op.upper(), args[0] if args else None))
    return [(op, labels.get(a, a) if op in ("JMP", "JZ", "CALL") else (int(a) if a is not None and a.lstrip("-").isdigit() else a))
            for op, a in code]

def run(code, trace=False, limit=100000):
    stack, calls, env, out, pc, steps = [], [], {}, [], 0, 0
    binops = {"ADD": lambda a, b: a + b, "SUB": lambda a, b: a - b, "MUL": lambda a, b: a * b,
              "DIV": lambda a, b: a // b, "MOD": lambda a, b: a % b, "LT": lambda a, b: int(a < b),
              "EQ": lambda a, b: int(a == b)}
    while pc < len(code):
        steps += 1
        if steps > limit:
            raise VMError("step limit exceeded")
        op, arg = code[pc]
        pc += 1
        if op == "PUSH":
            stack.append(arg)
        elif op in binops:
            if len(stack) < 2:
                raise VMError("stack underflow at %d (%s)" % (pc - 1, op))
            b, a = stack.pop(), stack.pop()
            stack.append(binops[op](a, b))
        elif op == "DUP":
            stack.append(stack[-1])
        elif op == "SWAP":
            stack[-1], stack[-2] = stack[-2], stack[-1]
        elif op == "POP":
            stack.pop()
        elif op == "STORE":
            env[arg] = stack.pop()
        elif op == "LOAD":
            stack.append(env[arg])
        elif op == "JMP":
            pc = arg
        elif op == "JZ":
            if stack.pop() == 0:
                pc = arg
        elif op == "CALL":
            calls.append(pc)
            pc = arg
        elif op == "RET":
            pc = calls.pop()
        elif op == "PRINT":
            out.append(stack.pop())
        elif op == "HALT":
            break
        else:
            raise VMError("unknown op %s" % op)
    return out, steps

FACT = """
    push 1
    store acc
    push 20
    store n
loop:
    load n
    jz done
    load acc
    load n
    mul
    store acc
    load n
    push 1
    sub
    store n
    jmp loop
done:
    load acc
    print
    halt
"""
FIB = """
    push 0
    store a
    push 1
    store b
    push 0
    store i
top:
    load i
    push 30
    lt
    jz end
    load a
    print
    call step
    load i
    push 1
    add
    store i
    jmp top
step:            ; (a, b) = (b, a + b)
    load b
    load a
    load b
    add
    store b
    store a
    ret
end:
    halt
"""
for name, src in [("fact", FACT), ("fib", FIB)]:
    out, steps = run(assemble(src))
    print(name, out, steps)
for bad in ["add", "push 1\nfrob", "l:\njmp l"]:
    try:
        run(assemble(bad), limit=1000)
    except (VMError, IndexError) as e:
        print("error:", e)
