"""traceback for elide: format and print exceptions and their tracebacks.

The lines are those of CPython 3.11 without the ^^^ position markers
(elide keeps no column information). Stack inspection of live frames
(print_stack, extract_stack) sees no frames.
"""
import sys as _sys

__all__ = ["print_exc", "format_exc", "print_exception", "format_exception", "format_exception_only",
           "print_tb", "format_tb", "extract_tb", "format_list", "print_list", "walk_tb",
           "FrameSummary", "StackSummary", "print_stack", "format_stack", "extract_stack",
           "print_last", "TracebackException"]

_cache = {}


def _source_line(filename, lineno):
    if filename.startswith("<"):
        return ""
    lines = _cache.get(filename)
    if lines is None:
        try:
            with open(filename) as f:
                lines = f.read().split("\n")
        except (OSError, UnicodeDecodeError):
            lines = []
        _cache[filename] = lines
    if 1 <= lineno <= len(lines):
        return lines[lineno - 1].strip()
    return ""


class FrameSummary:
    def __init__(self, filename, lineno, name, *, lookup_line=True, locals=None, line=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self._line = line
        self.locals = locals
        if lookup_line:
            self.line

    @property
    def line(self):
        if self._line is None:
            self._line = _source_line(self.filename, self.lineno)
        return self._line

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return (self.filename, self.lineno, self.name, self.line) == \
                   (other.filename, other.lineno, other.name, other.line)
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, pos):
        return (self.filename, self.lineno, self.name, self.line)[pos]

    def __iter__(self):
        return iter([self.filename, self.lineno, self.name, self.line])

    def __len__(self):
        return 4

    def __repr__(self):
        return "<FrameSummary file {filename}, line {lineno} in {name}>".format(
            filename=self.filename, lineno=self.lineno, name=self.name)


def walk_tb(tb):
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


class StackSummary(list):
    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True, capture_locals=False):
        result = klass()
        for f, lineno in frame_gen:
            if limit is not None and len(result) >= limit:
                break
            co = f.f_code
            result.append(FrameSummary(co.co_filename, lineno, co.co_name, lookup_line=lookup_lines))
        return result

    @classmethod
    def from_list(klass, a_list):
        result = klass()
        for frame in a_list:
            if isinstance(frame, FrameSummary):
                result.append(frame)
            else:
                filename, lineno, name, line = frame
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format(self):
        result = []
        last = None
        count = 0
        for fs in self:
            key = (fs.filename, fs.lineno, fs.name)
            if key == last:
                count += 1
                if count > 3:
                    continue
            else:
                if count > 3:
                    n = count - 3
                    result.append("  [Previous line repeated %d more time%s]\n" % (n, "s" if n > 1 else ""))
                last = key
                count = 1
            row = '  File "%s", line %d, in %s\n' % (fs.filename, fs.lineno, fs.name)
            if fs.line:
                row += "    %s\n" % fs.line
            result.append(row)
        if count > 3:
            n = count - 3
            result.append("  [Previous line repeated %d more time%s]\n" % (n, "s" if n > 1 else ""))
        return result


def extract_tb(tb, limit=None):
    return StackSummary.extract(walk_tb(tb), limit=limit)


def format_list(extracted_list):
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    if file is None:
        file = _sys.stderr
    for item in format_list(extracted_list):
        print(item, file=file, end="")


def format_tb(tb, limit=None):
    return extract_tb(tb, limit=limit).format()


def print_tb(tb, limit=None, file=None):
    print_list(extract_tb(tb, limit=limit), file=file)


def _exc_name(etype):
    mod = getattr(etype, "__module__", None)
    name = getattr(etype, "__qualname__", etype.__name__)
    if mod not in (None, "__main__", "builtins"):
        return mod + "." + name
    return name


def format_exception_only(exc, value=None):
    if value is None and not isinstance(exc, type):
        value = exc
    if value is None:
        return ["%s\n" % _exc_name(exc)]
    etype = type(value)
    stype = _exc_name(etype)
    try:
        s = str(value)
    except Exception:
        s = "<exception str() failed>"
    if isinstance(value, SyntaxError) and getattr(value, "lineno", None) is not None:
        lines = ['  File "%s", line %d\n' % (value.filename or "<string>", value.lineno)]
        if value.text:
            lines.append("    %s\n" % value.text.strip())
        lines.append("%s: %s\n" % (stype, value.msg))
        return lines
    lines = ["%s: %s\n" % (stype, s) if s else "%s\n" % stype]
    for note in getattr(value, "__notes__", None) or ():
        lines.append("%s\n" % note)
    return lines


def _chain(value, seen):
    out = []
    while value is not None and id(value) not in seen:
        seen.add(id(value))
        if value.__cause__ is not None:
            out.append((value, "\nThe above exception was the direct cause of the following exception:\n\n"))
            value = value.__cause__
        elif value.__context__ is not None and not value.__suppress_context__:
            out.append((value, "\nDuring handling of the above exception, another exception occurred:\n\n"))
            value = value.__context__
        else:
            out.append((value, None))
            value = None
    return out


def format_exception(exc, value=None, tb=None, limit=None, chain=True):
    if value is None and not isinstance(exc, type):
        value = exc
        tb = exc.__traceback__
    if value is None:
        return format_exception_only(exc)
    if not chain:
        items = [(value, None)]
    else:
        items = _chain(value, set())
    lines = []
    for i in range(len(items) - 1, -1, -1):
        v, _ = items[i]
        t = tb if i == 0 and tb is not None else v.__traceback__
        if t is not None:
            lines.append("Traceback (most recent call last):\n")
            lines.extend(format_tb(t, limit))
        lines.extend(format_exception_only(type(v), v))
        if i > 0:
            lines.append(items[i - 1][1])
    return lines


def print_exception(exc, value=None, tb=None, limit=None, file=None, chain=True):
    if file is None:
        file = _sys.stderr
    for line in format_exception(exc, value, tb, limit, chain):
        print(line, file=file, end="")


def format_exc(limit=None, chain=True):
    value = _sys.exc_info()[1]
    if value is None:
        return "NoneType: None\n"
    return "".join(format_exception(value, limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    value = _sys.exc_info()[1]
    if file is None:
        file = _sys.stderr
    if value is None:
        print("NoneType: None", file=file)
        return
    print_exception(value, limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    value = getattr(_sys, "last_value", None)
    if value is None:
        raise ValueError("no last exception")
    print_exception(value, limit=limit, file=file, chain=chain)


def extract_stack(f=None, limit=None):
    return StackSummary()


def format_stack(f=None, limit=None):
    return []


def print_stack(f=None, limit=None, file=None):
    pass


class TracebackException:
    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None, lookup_lines=True,
                 capture_locals=False, compact=False):
        self.exc_type = exc_type
        self._value = exc_value
        self.stack = extract_tb(exc_traceback, limit) if exc_traceback is not None else StackSummary()
        self._limit = limit

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    def format_exception_only(self):
        return iter(format_exception_only(self.exc_type, self._value))

    def format(self, *, chain=True):
        return iter(format_exception(self.exc_type, self._value, self._value.__traceback__,
                                     self._limit, chain))

    def __str__(self):
        return str(self._value)
