# A tokenizer and recursive-descent evaluator for arithmetic with variables.
class Token:
    def __init__(self, kind, value, pos):
        self.kind, self.value, self.pos = kind, value, pos
    def __repr__(self):
        return "%s(%r)" % (self.kind, self.value)

class LexError(Exception):
    pass

def tokenize(src):
    tokens, i = [], 0
    while i < len(src):
        c = src[i]
        if c.isspace():
            i += 1
        elif c.isdigit() or (c == "." and i + 1 < len(src) and src[i + 1].isdigit()):
            j = i
            while j < len(src) and (src[j].isdigit() or src[j] == "."):
                j += 1
            text = src[i:j]
            tokens.append(Token("NUM", float(text) if "." in text else int(text), i))
            i = j
        elif c.isalpha() or c == "_":
            j = i
            while j < len(src) and (src[j].isalnum() or src[j] == "_"):
                j += 1
            tokens.append(Token("NAME", src[i:j], i))
            i = j
        elif src.startswith("**", i):
            tokens.append(Token("OP", "**", i))
            i += 2
        elif c in "+-*/%()=":
            tokens.append(Token("OP", c, i))
            i += 1
        else:
            raise LexError("bad character %r at %d" % (c, i))
    tokens.append(Token("EOF", None, len(src)))
    return tokens

class Parser:
    def __init__(self, tokens, env):
        self.toks, self.i, self.env = tokens, 0, env
    def peek(self):
        return self.toks[self.i]
    def take(self, value=None):
        t = self.toks[self.i]
        if value is not None and t.value != value:
            raise SyntaxError("expected %r at %d, got %r" % (value, t.pos, t.value))
        self.i += 1
        return t
    def statement(self):
        if self.peek().kind == "NAME" and self.toks[self.i + 1].value == "=":
            name = self.take().value
            self.take("=")
            v = self.expr()
            self.env[name] = v
            return v
        return self.expr()
    def expr(self):
        v = self.term()
        while self.peek().value in ("+", "-"):
            op = self.take().value
            r = self.term()
            v = v + r if op == "+" else v - r
        return v
    def term(self):
        v = self.unary()
        while self.peek().value in ("*", "/", "%"):
            op = self.take().value
            r = self.unary()
            v = v * r if op == "*" else v / r if op == "/" else v % r
        return v
    def unary(self):
        if self.peek().value == "-":
            self.take()
            return -self.unary()
        return self.power()
    def power(self):
        base = self.atom()
        if self.peek().value == "**":
            self.take()
            return base ** self.unary()
        return base
    def atom(self):
        t = self.take()
        if t.kind == "NUM":
            return t.value
        if t.kind == "NAME":
            if t.value not in self.env:
                raise NameError("undefined variable %r" % t.value)
            return self.env[t.value]
        if t.value == "(":
            v = self.expr()
            self.take(")")
            return v
        raise SyntaxError("unexpected %r at %d" % (t.value, t.pos))

env = {}
lines = ["x = 3", "y = x * (2 + 4) - 1", "y ** 2 % 7", "2 ** 3 ** 2", "-x ** 2", "z = 10 / 4 + .5",
         "x + y + z", "1 + ", "foo * 2", "3 $ 4", "(1 + 2", "big = 2 ** 100", "big % 1000007"]
for line in lines:
    try:
        print(line, "=>", Parser(tokenize(line), env).statement())
    except (SyntaxError, NameError, LexError, ZeroDivisionError) as e:
        print(line, "=> error:", type(e).__name__, e)
print(tokenize("a1 = (b_2 ** 3.5)"))
print(sorted(env.items()))
