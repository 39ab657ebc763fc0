"""json for elide: dumps/loads/dump/load (the common arguments)."""


class JSONDecodeError(ValueError):
    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        ValueError.__init__(self, "%s: line %d column %d (char %d)" % (msg, lineno, colno, pos))
        self.msg, self.doc, self.pos, self.lineno, self.colno = msg, doc, pos, lineno, colno


_ESC = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def _encode_str(s, ensure_ascii=True):
    out = ['"']
    for ch in s:
        e = _ESC.get(ch)
        if e is not None:
            out.append(e)
        elif ch < " " or (ensure_ascii and ch > "~"):
            n = ord(ch)
            if n > 0xFFFF:
                n -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 + (n >> 10), 0xDC00 + (n & 0x3FF)))
            else:
                out.append("\\u%04x" % n)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def _float_repr(f):
    if f != f:
        return "NaN"
    if f == float("inf"):
        return "Infinity"
    if f == -float("inf"):
        return "-Infinity"
    return repr(f)


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True,
          cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw):
    if separators is not None:
        item_sep, key_sep = separators
    elif indent is not None:
        item_sep, key_sep = ",", ": "
    else:
        item_sep, key_sep = ", ", ": "
    if indent is not None and not isinstance(indent, str):
        indent = " " * indent

    def enc(o, level):
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, str):
            return _encode_str(o, ensure_ascii)
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            return _float_repr(o)
        if isinstance(o, (list, tuple)):
            if not o:
                return "[]"
            items = [enc(v, level + 1) for v in o]
            if indent is None:
                return "[" + item_sep.join(items) + "]"
            pad = "\n" + indent * (level + 1)
            return "[" + pad + (item_sep + pad).join(items) + "\n" + indent * level + "]"
        if isinstance(o, dict):
            if not o:
                return "{}"
            keys = list(o.keys())
            if sort_keys:
                keys.sort()
            parts = []
            for k in keys:
                v = o[k]
                if isinstance(k, str):
                    ks = k
                elif k is True:
                    ks = "true"
                elif k is False:
                    ks = "false"
                elif k is None:
                    ks = "null"
                elif isinstance(k, int):
                    ks = int.__repr__(k)
                elif isinstance(k, float):
                    ks = _float_repr(k)
                elif skipkeys:
                    continue
                else:
                    raise TypeError("keys must be str, int, float, bool or None, not %s" % type(k).__name__)
                parts.append(_encode_str(ks, ensure_ascii) + key_sep + enc(v, level + 1))
            if indent is None:
                return "{" + item_sep.join(parts) + "}"
            pad = "\n" + indent * (level + 1)
            return "{" + pad + (item_sep + pad).join(parts) + "\n" + indent * level + "}"
        if default is not None:
            return enc(default(o), level)
        raise TypeError("Object of type %s is not JSON serializable" % type(o).__name__)

    return enc(obj, 0)


def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))


class _Parser:
    def __init__(self, s, object_hook=None, parse_float=None, parse_int=None, object_pairs_hook=None):
        self.s = s
        self.i = 0
        self.object_hook = object_hook
        self.object_pairs_hook = object_pairs_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int

    def ws(self):
        s, i, n = self.s, self.i, len(self.s)
        while i < n and s[i] in " \t\n\r":
            i += 1
        self.i = i

    def error(self, msg):
        raise JSONDecodeError(msg, self.s, self.i)

    def value(self):
        self.ws()
        s, i = self.s, self.i
        if i >= len(s):
            self.error("Expecting value")
        c = s[i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        if s.startswith("null", i):
            self.i += 4
            return None
        if s.startswith("true", i):
            self.i += 4
            return True
        if s.startswith("false", i):
            self.i += 5
            return False
        if s.startswith("NaN", i):
            self.i += 3
            return float("nan")
        if s.startswith("Infinity", i):
            self.i += 8
            return float("inf")
        if s.startswith("-Infinity", i):
            self.i += 9
            return float("-inf")
        return self.number()

    def number(self):
        s, i, n = self.s, self.i, len(self.s)
        start = i
        if i < n and s[i] == "-":
            i += 1
        if i >= n or not s[i].isdigit():
            self.error("Expecting value")
        while i < n and s[i].isdigit():
            i += 1
        isf = False
        if i < n and s[i] == ".":
            isf = True
            i += 1
            while i < n and s[i].isdigit():
                i += 1
        if i < n and s[i] in "eE":
            isf = True
            i += 1
            if i < n and s[i] in "+-":
                i += 1
            while i < n and s[i].isdigit():
                i += 1
        self.i = i
        text = s[start:i]
        return self.parse_float(text) if isf else self.parse_int(text)

    def string(self):
        s = self.s
        i = self.i + 1
        out = []
        while True:
            j = i
            while j < len(s) and s[j] != '"' and s[j] != "\\":
                j += 1
            if j >= len(s):
                self.i = self.i
                self.error("Unterminated string starting at")
            out.append(s[i:j])
            if s[j] == '"':
                self.i = j + 1
                return "".join(out)
            esc = s[j + 1:j + 2]
            if esc == "u":
                code = int(s[j + 2:j + 6], 16)
                j += 6
                if 0xD800 <= code < 0xDC00 and s[j:j + 2] == "\\u":
                    low = int(s[j + 2:j + 6], 16)
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    j += 6
                out.append(chr(code))
                i = j
            else:
                m = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
                if esc not in m:
                    self.i = j
                    self.error("Invalid \\escape")
                out.append(m[esc])
                i = j + 2

    def obj(self):
        self.i += 1
        pairs = []
        self.ws()
        if self.s[self.i:self.i + 1] == "}":
            self.i += 1
        else:
            while True:
                self.ws()
                if self.s[self.i:self.i + 1] != '"':
                    self.error("Expecting property name enclosed in double quotes")
                k = self.string()
                self.ws()
                if self.s[self.i:self.i + 1] != ":":
                    self.error("Expecting ':' delimiter")
                self.i += 1
                v = self.value()
                pairs.append((k, v))
                self.ws()
                c = self.s[self.i:self.i + 1]
                self.i += 1
                if c == "}":
                    break
                if c != ",":
                    self.i -= 1
                    self.error("Expecting ',' delimiter")
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        d = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(d)
        return d

    def arr(self):
        self.i += 1
        out = []
        self.ws()
        if self.s[self.i:self.i + 1] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value())
            self.ws()
            c = self.s[self.i:self.i + 1]
            self.i += 1
            if c == "]":
                return out
            if c != ",":
                self.i -= 1
                self.error("Expecting ',' delimiter")


def loads(s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None,
          object_pairs_hook=None, **kw):
    p = _Parser(s, object_hook, parse_float, parse_int, object_pairs_hook)
    v = p.value()
    p.ws()
    if p.i != len(s):
        p.error("Extra data")
    return v


def load(fp, **kw):
    return loads(fp.read(), **kw)
