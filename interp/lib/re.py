"""re for elide: a backtracking regular-expression engine (pure Python).

Supports literals, ., [...] classes with ranges and negation, \\d \\w \\s \\D
\\W \\S \\b \\B \\A \\Z, ^ $, groups (capturing, (?:...), (?P<name>...),
(?P=name), lookahead (?=...) (?!...)), backreferences \\1, alternation,
greedy and lazy quantifiers * + ? {m,n}, and the flags I, M, S, X.
"""

I = IGNORECASE = 2
M = MULTILINE = 8
S = DOTALL = 16
X = VERBOSE = 64
A = ASCII = 256
U = UNICODE = 32


class error(Exception):
    def __init__(self, msg, pattern=None, pos=None):
        Exception.__init__(self, msg)
        self.msg, self.pattern, self.pos = msg, pattern, pos


_DIGITS = "0123456789"


def _is_word(c):
    return c.isalnum() or c == "_"


def _is_space(c):
    return c in " \t\n\r\f\v"


class _Parser:
    def __init__(self, pattern, flags):
        self.p = pattern
        self.i = 0
        self.flags = flags
        self.ngroups = 0
        self.names = {}

    def peek(self):
        return self.p[self.i] if self.i < len(self.p) else None

    def next(self):
        c = self.p[self.i]
        self.i += 1
        return c

    def parse(self):
        node = self.alt()
        if self.i < len(self.p):
            raise error("unbalanced parenthesis", self.p, self.i)
        return node

    def alt(self):
        branches = [self.seq()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.seq())
        return branches[0] if len(branches) == 1 else ("alt", branches)

    def seq(self):
        items = []
        while True:
            c = self.peek()
            if c is None or c == "|" or c == ")":
                break
            atom = self.atom()
            if atom is None:
                continue
            atom = self.quant(atom)
            items.append(atom)
        return ("seq", items)

    def quant(self, atom):
        while True:
            c = self.peek()
            if c == "*":
                lo, hi = 0, None
            elif c == "+":
                lo, hi = 1, None
            elif c == "?":
                lo, hi = 0, 1
            elif c == "{":
                j = self.p.find("}", self.i)
                body = self.p[self.i + 1:j] if j > 0 else ""
                parts = body.split(",")
                ok = j > 0 and len(parts) <= 2 and all(x.strip() == "" or x.strip().isdigit() for x in parts) and body.strip() != "" and parts[0].strip() != "" or (len(parts) == 2 and parts[0].strip() == "" and j > 0)
                if not ok:
                    return atom
                lo = int(parts[0]) if parts[0].strip() else 0
                if len(parts) == 1:
                    hi = lo
                else:
                    hi = int(parts[1]) if parts[1].strip() else None
                self.i = j
            else:
                return atom
            self.i += 1
            lazy = False
            if self.peek() == "?":
                self.i += 1
                lazy = True
            elif self.peek() == "+":
                self.i += 1
            if atom[0] in ("bol", "eol", "bound", "nbound"):
                raise error("nothing to repeat", self.p, self.i)
            atom = ("rep", atom, lo, hi, lazy)

    def escape_class(self, c):
        if c == "d":
            return ("cls", [("d",)], False)
        if c == "D":
            return ("cls", [("d",)], True)
        if c == "w":
            return ("cls", [("w",)], False)
        if c == "W":
            return ("cls", [("w",)], True)
        if c == "s":
            return ("cls", [("s",)], False)
        if c == "S":
            return ("cls", [("s",)], True)
        return None

    def escape_char(self, c):
        m = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a", "0": "\0"}
        if c in m:
            return m[c]
        if c == "x":
            h = self.p[self.i:self.i + 2]
            self.i += 2
            return chr(int(h, 16))
        if c == "u":
            h = self.p[self.i:self.i + 4]
            self.i += 4
            return chr(int(h, 16))
        return c

    def atom(self):
        c = self.next()
        flags = self.flags
        if c == "(":
            return self.group()
        if c == "[":
            return self.charclass()
        if c == ".":
            return ("any",)
        if c == "^":
            return ("bol",)
        if c == "$":
            return ("eol",)
        if flags & X and (c in " \t\n\r\f\v"):
            return None
        if flags & X and c == "#":
            while self.peek() is not None and self.peek() != "\n":
                self.i += 1
            return None
        if c == "\\":
            if self.peek() is None:
                raise error("bad escape (end of pattern)", self.p, self.i)
            e = self.next()
            cls = self.escape_class(e)
            if cls:
                return cls
            if e == "b":
                return ("bound",)
            if e == "B":
                return ("nbound",)
            if e == "A":
                return ("start",)
            if e == "Z" or e == "z":
                return ("end",)
            if e in "123456789":
                num = e
                while self.peek() is not None and self.peek() in _DIGITS:
                    num += self.next()
                return ("backref", int(num))
            return ("lit", self.escape_char(e))
        if c in "*+?":
            raise error("nothing to repeat", self.p, self.i - 1)
        return ("lit", c)

    def group(self):
        if self.p.startswith("?:", self.i):
            self.i += 2
            node = self.alt()
            self.expect(")")
            return node
        if self.p.startswith("?P<", self.i):
            j = self.p.find(">", self.i)
            name = self.p[self.i + 3:j]
            self.i = j + 1
            self.ngroups += 1
            n = self.ngroups
            self.names[name] = n
            node = self.alt()
            self.expect(")")
            return ("group", n, node)
        if self.p.startswith("?P=", self.i):
            j = self.p.find(")", self.i)
            name = self.p[self.i + 3:j]
            self.i = j + 1
            return ("backref", self.names[name])
        if self.p.startswith("?=", self.i) or self.p.startswith("?!", self.i):
            neg = self.p[self.i + 1] == "!"
            self.i += 2
            node = self.alt()
            self.expect(")")
            return ("look", node, neg)
        if self.p.startswith("?<=", self.i) or self.p.startswith("?<!", self.i):
            neg = self.p[self.i + 2] == "!"
            self.i += 3
            node = self.alt()
            self.expect(")")
            return ("lookbehind", node, neg)
        if self.peek() == "?":
            j = self.i + 1
            while j < len(self.p) and self.p[j].isalpha():
                j += 1
            for f in self.p[self.i + 1:j]:
                self.flags |= {"i": I, "m": M, "s": S, "x": X, "a": A, "u": U}.get(f, 0)
            self.i = j
            if self.peek() == ")":
                self.i += 1
                return None
            if self.peek() == ":":
                self.i += 1
                node = self.alt()
                self.expect(")")
                return node
        self.ngroups += 1
        n = self.ngroups
        node = self.alt()
        self.expect(")")
        return ("group", n, node)

    def expect(self, c):
        if self.peek() != c:
            raise error("missing ), unterminated subpattern", self.p, self.i)
        self.i += 1

    def charclass(self):
        neg = False
        if self.peek() == "^":
            neg = True
            self.i += 1
        items = []
        first = True
        while True:
            c = self.peek()
            if c is None:
                raise error("unterminated character set", self.p, self.i)
            if c == "]" and not first:
                self.i += 1
                break
            first = False
            self.i += 1
            if c == "\\":
                e = self.next()
                cls = self.escape_class(e)
                if cls:
                    if cls[2]:
                        items.append(("not", cls[1][0]))
                    else:
                        items.append(cls[1][0])
                    continue
                c = self.escape_char(e)
            if self.peek() == "-" and self.i + 1 < len(self.p) and self.p[self.i + 1] != "]":
                self.i += 1
                hi = self.next()
                if hi == "\\":
                    hi = self.escape_char(self.next())
                items.append(("range", c, hi))
            else:
                items.append(("char", c))
        return ("cls", items, neg)


def _class_match(items, neg, ch, icase):
    for it in items:
        k = it[0]
        if k == "char":
            r = ch == it[1] or (icase and ch.lower() == it[1].lower())
        elif k == "range":
            r = it[1] <= ch <= it[2] or (icase and (it[1] <= ch.lower() <= it[2] or it[1] <= ch.upper() <= it[2]))
        elif k == "d":
            r = ch.isdigit()
        elif k == "w":
            r = _is_word(ch)
        elif k == "s":
            r = _is_space(ch)
        elif k == "not":
            r = not _class_match([it[1]], False, ch, icase)
        else:
            r = False
        if r:
            return not neg
    return neg


class _Matcher:
    def __init__(self, s, flags, ngroups, pos, endpos):
        self.s = s
        self.flags = flags
        self.groups = [None] * (ngroups + 1)
        self.end = endpos
        self.begin = pos
        self.steps = 0

    def m(self, node, i, k):
        """Match node at i, then continuation k(i2); returns end or -1."""
        kind = node[0]
        s = self.s
        if kind == "seq":
            return self.seq(node[1], 0, i, k)
        if kind == "lit":
            if i < self.end and (s[i] == node[1] or (self.flags & I and s[i].lower() == node[1].lower())):
                return k(i + 1)
            return -1
        if kind == "any":
            if i < self.end and (s[i] != "\n" or self.flags & S):
                return k(i + 1)
            return -1
        if kind == "cls":
            if i < self.end and _class_match(node[1], node[2], s[i], self.flags & I):
                return k(i + 1)
            return -1
        if kind == "alt":
            for b in node[1]:
                r = self.m(b, i, k)
                if r >= 0:
                    return r
            return -1
        if kind == "group":
            n = node[1]
            old = self.groups[n]

            def after(j, start=i):
                prev = self.groups[n]
                self.groups[n] = (start, j)
                r = k(j)
                if r < 0:
                    self.groups[n] = prev
                return r
            r = self.m(node[2], i, after)
            if r < 0:
                self.groups[n] = old
            return r
        if kind == "rep":
            return self.rep(node[1], node[2], node[3], node[4], i, k, 0)
        if kind == "bol":
            if i == 0 or (self.flags & M and s[i - 1] == "\n"):
                return k(i)
            return -1
        if kind == "eol":
            if i == len(s) or (i == len(s) - 1 and s[i] == "\n") or (self.flags & M and s[i] == "\n"):
                return k(i)
            return -1
        if kind == "start":
            return k(i) if i == 0 else -1
        if kind == "end":
            return k(i) if i == len(s) else -1
        if kind == "bound" or kind == "nbound":
            a = i > 0 and _is_word(s[i - 1])
            b = i < len(s) and _is_word(s[i])
            if (a != b) == (kind == "bound"):
                return k(i)
            return -1
        if kind == "backref":
            g = self.groups[node[1]]
            if g is None:
                return -1
            sub = s[g[0]:g[1]]
            if s.startswith(sub, i):
                return k(i + len(sub))
            return -1
        if kind == "look":
            saved = list(self.groups)
            r = self.m(node[1], i, lambda j: j)
            if (r >= 0) != node[2]:
                return k(i)
            self.groups = saved
            return -1
        if kind == "lookbehind":
            for start in range(i, -1, -1):
                r = self.m(node[1], start, lambda j: j if j == i else -1)
                if r >= 0:
                    return k(i) if not node[2] else -1
            return -1 if not node[2] else k(i)
        raise error("internal: unknown node " + kind)

    def seq(self, items, idx, i, k):
        if idx == len(items):
            return k(i)
        return self.m(items[idx], i, lambda j: self.seq(items, idx + 1, j, k))

    def rep(self, node, lo, hi, lazy, i, k, count):
        # fast path for a single-character repeat (greedy or lazy)
        kind = node[0]
        if kind in ("lit", "any", "cls"):
            s, end = self.s, self.end
            j = i
            maxj = end if hi is None else min(end, i + hi)
            if not lazy:
                while j < maxj and self._one(node, s[j]):
                    j += 1
                while j >= i + lo:
                    r = k(j)
                    if r >= 0:
                        return r
                    j -= 1
                return -1
            n = 0
            while True:
                if n >= lo:
                    r = k(j)
                    if r >= 0:
                        return r
                if j >= maxj or not self._one(node, s[j]):
                    return -1
                j += 1
                n += 1
        if hi is not None and count >= hi:
            return k(i)

        def again(j):
            if j == i and count >= lo:
                return -1  # empty iteration: stop
            return self.rep(node, lo, hi, lazy, j, k, count + 1)
        if lazy:
            if count >= lo:
                r = k(i)
                if r >= 0:
                    return r
            return self.m(node, i, again)
        r = self.m(node, i, again)
        if r >= 0:
            return r
        if count >= lo:
            return k(i)
        return -1

    def _one(self, node, ch):
        kind = node[0]
        if kind == "lit":
            return ch == node[1] or (self.flags & I and ch.lower() == node[1].lower())
        if kind == "any":
            return ch != "\n" or self.flags & S
        return _class_match(node[1], node[2], ch, self.flags & I)


class Match:
    def __init__(self, pattern, string, groups, pos, endpos):
        self.re = pattern
        self.string = string
        self._g = groups
        self.pos = pos
        self.endpos = endpos

    def group(self, *idx):
        if not idx:
            idx = (0,)
        res = []
        for n in idx:
            if isinstance(n, str):
                n = self.re.groupindex[n]
            if n < 0 or n >= len(self._g):
                raise IndexError("no such group")
            g = self._g[n]
            res.append(None if g is None else self.string[g[0]:g[1]])
        return res[0] if len(res) == 1 else tuple(res)

    def __getitem__(self, n):
        return self.group(n)

    def groups(self, default=None):
        return tuple(default if g is None else self.string[g[0]:g[1]] for g in self._g[1:])

    def groupdict(self, default=None):
        return {name: (default if self._g[n] is None else self.string[self._g[n][0]:self._g[n][1]])
                for name, n in self.re.groupindex.items()}

    def start(self, n=0):
        g = self._g[n if not isinstance(n, str) else self.re.groupindex[n]]
        return -1 if g is None else g[0]

    def end(self, n=0):
        g = self._g[n if not isinstance(n, str) else self.re.groupindex[n]]
        return -1 if g is None else g[1]

    def span(self, n=0):
        return (self.start(n), self.end(n))

    @property
    def lastindex(self):
        last = None
        for n in range(1, len(self._g)):
            if self._g[n] is not None:
                last = n
        return last

    def expand(self, template):
        return _expand(self, template)

    def __bool__(self):
        return True

    def __repr__(self):
        return "<re.Match object; span=%r, match=%r>" % (self.span(), self.group(0))


class Pattern:
    def __init__(self, pattern, flags):
        self.pattern = pattern
        self.flags = flags
        p = _Parser(pattern, flags)
        self._node = p.parse()
        self.flags = p.flags
        self.groups = p.ngroups
        self.groupindex = dict(p.names)

    def _match_at(self, s, i, endpos, full=False):
        mt = _Matcher(s, self.flags, self.groups, i, endpos)
        if full:
            r = mt.m(self._node, i, lambda j: j if j == endpos else -1)
        else:
            r = mt.m(self._node, i, lambda j: j)
        if r < 0:
            return None
        mt.groups[0] = (i, r)
        return Match(self, s, mt.groups, i, endpos)

    def match(self, string, pos=0, endpos=None):
        return self._match_at(string, pos, len(string) if endpos is None else min(endpos, len(string)))

    def fullmatch(self, string, pos=0, endpos=None):
        return self._match_at(string, pos, len(string) if endpos is None else min(endpos, len(string)), True)

    def search(self, string, pos=0, endpos=None):
        end = len(string) if endpos is None else min(endpos, len(string))
        for i in range(pos, end + 1):
            m = self._match_at(string, i, end)
            if m is not None:
                return m
        return None

    def finditer(self, string, pos=0, endpos=None):
        end = len(string) if endpos is None else min(endpos, len(string))
        i = pos
        while i <= end:
            m = self._match_at(string, i, end)
            if m is None:
                i += 1
                continue
            yield m
            e = m.end()
            i = e + 1 if e == m.start() else e

    def findall(self, string, pos=0, endpos=None):
        out = []
        for m in self.finditer(string, pos, endpos):
            if self.groups == 0:
                out.append(m.group(0))
            elif self.groups == 1:
                out.append(m.group(1) or "" if m.group(1) is not None else "")
            else:
                out.append(tuple(g if g is not None else "" for g in m.groups()))
        return out

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def subn(self, repl, string, count=0):
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if count and n >= count:
                break
            out.append(string[last:m.start()])
            if callable(repl):
                out.append(repl(m))
            else:
                out.append(_expand(m, repl))
            last = m.end()
            n += 1
        out.append(string[last:])
        return "".join(out), n

    def split(self, string, maxsplit=0):
        out = []
        last = 0
        n = 0
        for m in self.finditer(string):
            if maxsplit and n >= maxsplit:
                break
            if m.end() == m.start() and m.start() in (0, len(string)):
                continue
            out.append(string[last:m.start()])
            out.extend(m.groups())
            last = m.end()
            n += 1
        out.append(string[last:])
        return out

    def __repr__(self):
        return "re.compile(%r)" % (self.pattern,)


def _expand(m, template):
    out = []
    i = 0
    while i < len(template):
        c = template[i]
        if c == "\\" and i + 1 < len(template):
            d = template[i + 1]
            if d.isdigit():
                j = i + 1
                while j < len(template) and template[j].isdigit():
                    j += 1
                out.append(m.group(int(template[i + 1:j])) or "")
                i = j
                continue
            if d == "g" and template[i + 2:i + 3] == "<":
                j = template.index(">", i)
                name = template[i + 3:j]
                out.append(m.group(int(name) if name.isdigit() else name) or "")
                i = j + 1
                continue
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(d, "\\" + d))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


_cache = {}


def compile(pattern, flags=0):
    if isinstance(pattern, Pattern):
        return pattern
    key = (pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) > 200:
            _cache.clear()
        _cache[key] = p
    return p


def match(pattern, string, flags=0):
    return compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    return compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    return compile(pattern, flags).search(string)


def findall(pattern, string, flags=0):
    return compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    return compile(pattern, flags).finditer(string)


def sub(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    return compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    return compile(pattern, flags).split(string, maxsplit)


def escape(pattern):
    return "".join("\\" + c if not (c.isalnum() or c == "_") else c for c in pattern)


def purge():
    _cache.clear()
