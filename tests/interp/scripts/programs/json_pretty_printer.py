# A JSON-ish parser and pretty printer written from scratch.
class ParseError(Exception):
    pass

class JsonParser:
    def __init__(self, text):
        self.s, self.i = text, 0
    def ws(self):
        while self.i < len(self.s) and self.s[self.i] in " \t\n\r":
            self.i += 1
    def parse(self):
        v = self.value()
        self.ws()
        if self.i != len(self.s):
            raise ParseError("trailing data at %d" % self.i)
        return v
    def value(self):
        self.ws()
        if self.i >= len(self.s):
            raise ParseError("unexpected end")
        c = self.s[self.i]
        if c == "{":
            return self.obj()
        if c == "[":
            return self.arr()
        if c == '"':
            return self.string()
        for word, val in (("true", True), ("false", False), ("null", None)):
            if self.s.startswith(word, self.i):
                self.i += len(word)
                return val
        return self.number()
    def obj(self):
        self.i += 1
        out = {}
        self.ws()
        if self.s[self.i] == "}":
            self.i += 1
            return out
        while True:
            self.ws()
            k = self.string()
            self.ws()
            if self.s[self.i] != ":":
                raise ParseError("expected ':' at %d" % self.i)
            self.i += 1
            out[k] = self.value()
            self.ws()
            c = self.s[self.i]
            self.i += 1
            if c == "}":
                return out
            if c != ",":
                raise ParseError("expected ',' or '}' at %d" % (self.i - 1))
    def arr(self):
        self.i += 1
        out = []
        self.ws()
        if self.s[self.i] == "]":
            self.i += 1
            return out
        while True:
            out.append(self.value())
            self.ws()
            c = self.s[self.i]
            self.i += 1
            if c == "]":
                return out
            if c != ",":
                raise ParseError("expected ',' or ']' at %d" % (self.i - 1))
    def string(self):
        if self.s[self.i] != '"':
            raise ParseError("expected string at %d" % self.i)
        self.i += 1
        out = []
        esc = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "/": "/"}
        while self.s[self.i] != '"':
            c = self.s[self.i]
            if c == "\\":
                self.i += 1
                e = self.s[self.i]
                if e == "u":
                    out.append(chr(int(self.s[self.i + 1:self.i + 5], 16)))
                    self.i += 4
                else:
                    out.append(esc[e])
            else:
                out.append(c)
            self.i += 1
        self.i += 1
        return "".join(out)
    def number(self):
        j = self.i
        while j < len(self.s) and self.s[j] in "+-0123456789.eE":
            j += 1
        text = self.s[self.i:j]
        if not text:
            raise ParseError("unexpected %r at %d" % (self.s[self.i], self.i))
        self.i = j
        return float(text) if any(c in text for c in ".eE") else int(text)

def dump(v, indent=0, step=2):
    pad = " " * indent
    if isinstance(v, dict):
        if not v:
            return "{}"
        items = [pad + " " * step + quote(k) + ": " + dump(x, indent + step) for k, x in v.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(v, list):
        if not v or all(not isinstance(x, (list, dict)) for x in v):
            return "[" + ", ".join(dump(x) for x in v) + "]"
        return "[\n" + ",\n".join(pad + " " * step + dump(x, indent + step) for x in v) + "\n" + pad + "]"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if v is None:
        return "null"
    if isinstance(v, str):
        return quote(v)
    return repr(v)

def quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'

doc = '''{"name": "elide", "version": [0, 1, 0], "tags": ["htm", "gil"],
 "config": {"modes": {"rtm": true, "fine": false, "gil": null}, "ratio": 1.5e3, "neg": -12,
 "nested": [{"a": 1}, {"b": [1, 2, {"c": "d\\n\\"q\\""}]}]}, "empty": {}, "none": [], "u": "caf\\u00e9"}'''
data = JsonParser(doc).parse()
print(dump(data))
print(data["config"]["nested"][1]["b"][2]["c"], data["u"], type(data["config"]["ratio"]).__name__)
roundtrip = JsonParser(dump(data)).parse()
print(roundtrip == data)
for bad in ['{"a" 1}', "[1, 2", "[1 2]", '{"a": tru}', "", "[1] x"]:
    try:
        JsonParser(bad).parse()
        print("parsed?", bad)
    except (ParseError, IndexError) as e:
        print("error for %r: %s" % (bad, type(e).__name__))
