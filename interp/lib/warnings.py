"""warnings for elide: warn() prints 'file:line: Category: message' to stderr
once per (message, category, place), as CPython's default filter does;
filters and catch_warnings are kept."""
import sys as _sys

__all__ = ["warn", "warn_explicit", "showwarning", "formatwarning", "filterwarnings",
           "simplefilter", "resetwarnings", "catch_warnings"]

filters = []
_once = set()


class WarningMessage:
    def __init__(self, message, category, filename, lineno, file=None, line=None, source=None):
        self.message = message
        self.category = category
        self.filename = filename
        self.lineno = lineno
        self.file = file
        self.line = line
        self.source = source

    def __str__(self):
        return ("{message : %r, category : %r, filename : %r, lineno : %s, line : %r}"
                % (self.message, self.category.__name__ if self.category else None,
                   self.filename, self.lineno, self.line))


def formatwarning(message, category, filename, lineno, line=None):
    return "%s:%s: %s: %s\n" % (filename, lineno, category.__name__, message)


def showwarning(message, category, filename, lineno, file=None, line=None):
    if file is None:
        file = _sys.stderr
    try:
        file.write(formatwarning(message, category, filename, lineno, line))
    except OSError:
        pass


def _action(category, text):
    for action, msg, cat, lineno in filters:
        if (msg is None or text.startswith(msg)) and issubclass(category, cat):
            return action
    if issubclass(category, (DeprecationWarning, PendingDeprecationWarning, ImportWarning, ResourceWarning)):
        return "ignore"
    return "default"


def warn(message, category=None, stacklevel=1, source=None):
    if isinstance(message, Warning):
        category = message.__class__
    if category is None:
        category = UserWarning
    warn_explicit(message, category, _sys.argv[0] if _sys.argv else "<string>", 0)


def warn_explicit(message, category, filename, lineno, module=None, registry=None, module_globals=None,
                  source=None):
    text = str(message)
    action = _action(category, text)
    if action == "error":
        raise message if isinstance(message, Warning) else category(message)
    if action == "ignore":
        return
    key = (text, category, filename, lineno)
    if action in ("default", "once", "module") and key in _once:
        return
    _once.add(key)
    if _recording:
        _recording[-1].append(WarningMessage(message if isinstance(message, Warning) else category(message),
                                             category, filename, lineno))
        return
    showwarning(message, category, filename, lineno)


def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    item = (action, message or None, category, lineno)
    if append:
        filters.append(item)
    else:
        filters.insert(0, item)


def simplefilter(action, category=Warning, lineno=0, append=False):
    filterwarnings(action, "", category, "", lineno, append)


def resetwarnings():
    filters[:] = []


_recording = []


class catch_warnings:
    def __init__(self, *, record=False, module=None, action=None, category=Warning, lineno=0, append=False):
        self._record = record
        self._action = (action, category, lineno, append) if action else None

    def __enter__(self):
        self._saved = filters[:]
        self._saved_once = set(_once)
        if self._action:
            simplefilter(*self._action)
        if self._record:
            log = []
            _recording.append(log)
            return log
        return None

    def __exit__(self, *exc):
        filters[:] = self._saved
        _once.clear()
        _once.update(self._saved_once)
        if self._record:
            _recording.pop()
