"""os for elide: a small subset over _os (C)."""
import _os
import sys

environ = _os.environ()
name = "posix"
sep = "/"
altsep = None
curdir = "."
pardir = ".."
extsep = "."
pathsep = ":"
linesep = "\n"
devnull = "/dev/null"
getpid = _os.getpid
getcwd = _os.getcwd
listdir = _os.listdir
remove = _os.remove
unlink = _os.remove
cpu_count = _os.cpu_count
error = OSError


def getenv(key, default=None):
    return environ.get(key, default)


def _join(a, *p):
    path = a
    for b in p:
        if b.startswith("/"):
            path = b
        elif not path or path.endswith("/"):
            path += b
        else:
            path += "/" + b
    return path


def _split(p):
    i = p.rfind("/") + 1
    head, tail = p[:i], p[i:]
    if head and head != "/" * len(head):
        head = head.rstrip("/")
    return head, tail


def _basename(p):
    return p[p.rfind("/") + 1:]


def _dirname(p):
    return _split(p)[0]


def _splitext(p):
    i = p.rfind(".")
    s = p.rfind("/")
    if i > s + 1 and p[s + 1:i].strip("."):
        return p[:i], p[i:]
    return p, ""


def _abspath(p):
    if not p.startswith("/"):
        p = _join(getcwd(), p)
    return _normpath(p)


def _normpath(p):
    if not p:
        return "."
    initial = p.startswith("/")
    comps = []
    for c in p.split("/"):
        if c in ("", "."):
            continue
        if c != ".." or (not initial and not comps) or (comps and comps[-1] == ".."):
            comps.append(c)
        elif comps:
            comps.pop()
    p = "/".join(comps)
    if initial:
        p = "/" + p
    return p or "."


path = type(sys)("os.path")
path.join = _join
path.split = _split
path.basename = _basename
path.dirname = _dirname
path.splitext = _splitext
path.abspath = _abspath
path.normpath = _normpath
path.exists = _os.exists
path.isfile = _os.isfile
path.isdir = _os.isdir
path.sep = "/"
sys.modules["os.path"] = path
