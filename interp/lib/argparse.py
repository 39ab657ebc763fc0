"""argparse for elide: the common subset (positional and optional
arguments, type, default, action store/store_true/store_false/count/append,
nargs ?, *, +, N, choices, required, help output, errors exit with 2)."""
import sys as _sys

SUPPRESS = "==SUPPRESS=="


class Namespace:
    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __repr__(self):
        return "Namespace(%s)" % ", ".join("%s=%r" % (k, v) for k, v in self.__dict__.items())

    def __eq__(self, other):
        return isinstance(other, Namespace) and vars(self) == vars(other)

    def __contains__(self, key):
        return key in self.__dict__


class ArgumentError(Exception):
    pass


class _Action:
    def __init__(self, flags, dest, action="store", nargs=None, const=None, default=None, type=None,
                 choices=None, required=False, help=None, metavar=None):
        self.flags, self.dest, self.action, self.nargs = flags, dest, action, nargs
        self.const, self.default, self.type, self.choices = const, default, type, choices
        self.required, self.help, self.metavar = required, help, metavar


class _SubParsers:
    def __init__(self, parent, dest, required, metavar, help):
        self.parent = parent
        self.dest = dest
        self.required = required
        self.metavar = metavar
        self.help = help
        self.choices = {}
        self.names = {}

    def add_parser(self, name, **kw):
        aliases = kw.pop("aliases", ())
        kw.pop("help", None)
        if "prog" not in kw:
            kw["prog"] = "%s %s" % (self.parent.prog, name)
        parser = ArgumentParser(**kw)
        self.choices[name] = parser
        self.names[name] = name
        for alias in aliases:
            self.choices[alias] = parser
            self.names[alias] = alias
        return parser


class ArgumentParser:
    def __init__(self, prog=None, usage=None, description=None, epilog=None, add_help=True, **kw):
        self.prog = prog or (_sys.argv[0].split("/")[-1] if _sys.argv and _sys.argv[0] else "prog")
        self.description = description
        self.epilog = epilog
        self._actions = []
        self.add_help = add_help

    def add_argument(self, *flags, **kw):
        action = kw.pop("action", "store")
        if flags and flags[0].startswith("-"):
            dest = kw.pop("dest", None)
            if dest is None:
                longs = [f for f in flags if f.startswith("--")]
                dest = (longs[0] if longs else flags[0]).lstrip("-").replace("-", "_")
            positional = False
        else:
            dest = flags[0]
            flags = ()
            positional = True
        default = kw.pop("default", None)
        if action == "store_true":
            default = False if default is None else default
        elif action == "store_false":
            default = True if default is None else default
        elif action == "count" and default is None:
            default = None
        a = _Action(flags, dest, action, kw.pop("nargs", None), kw.pop("const", None), default,
                    kw.pop("type", None), kw.pop("choices", None), kw.pop("required", positional and True),
                    kw.pop("help", None), kw.pop("metavar", None))
        a.positional = positional
        if positional and a.nargs in ("?", "*"):
            a.required = False
        self._actions.append(a)
        return a

    def add_mutually_exclusive_group(self, **kw):
        return self

    def add_subparsers(self, **kw):
        if getattr(self, "_subparsers", None) is not None:
            self.error("cannot have multiple subparser arguments")
        sp = _SubParsers(self, kw.pop("dest", None), kw.pop("required", False), kw.pop("metavar", None),
                         kw.pop("help", None))
        self._subparsers = sp
        return sp

    def add_argument_group(self, *a, **kw):
        return self

    def set_defaults(self, **kw):
        self._defaults = dict(getattr(self, "_defaults", {}), **kw)

    def get_default(self, dest):
        for a in self._actions:
            if a.dest == dest:
                return a.default
        return getattr(self, "_defaults", {}).get(dest)

    def error(self, message):
        self.print_usage(_sys.stderr)
        _sys.stderr.write("%s: error: %s\n" % (self.prog, message))
        raise SystemExit(2)

    def format_usage(self):
        parts = ["usage: " + self.prog]
        if self.add_help:
            parts.append("[-h]")
        for a in self._actions:
            if a.positional:
                parts.append(a.metavar or a.dest)
            else:
                s = a.flags[0]
                if a.action in ("store", "append"):
                    s += " " + (a.metavar or a.dest.upper())
                parts.append(s if a.required else "[" + s + "]")
        return " ".join(parts) + "\n"

    def print_usage(self, file=None):
        (file or _sys.stdout).write(self.format_usage())

    def format_help(self):
        out = [self.format_usage()]
        if self.description:
            out.append("\n" + self.description + "\n")
        pos = [a for a in self._actions if a.positional]
        if pos:
            out.append("\npositional arguments:\n")
            for a in pos:
                out.append("  %-20s %s\n" % (a.metavar or a.dest, a.help or ""))
        out.append("\noptions:\n")
        if self.add_help:
            out.append("  %-20s %s\n" % ("-h, --help", "show this help message and exit"))
        for a in self._actions:
            if not a.positional:
                out.append("  %-20s %s\n" % (", ".join(a.flags), a.help or ""))
        if self.epilog:
            out.append("\n" + self.epilog + "\n")
        return "".join(out)

    def print_help(self, file=None):
        (file or _sys.stdout).write(self.format_help())

    def _convert(self, a, s):
        v = s
        if a.type is not None:
            try:
                v = a.type(s)
            except (TypeError, ValueError):
                self.error("argument %s: invalid %s value: %r" % ("/".join(a.flags) or a.dest,
                                                                  getattr(a.type, "__name__", "type"), s))
        if a.choices is not None and v not in a.choices:
            self.error("argument %s: invalid choice: %r (choose from %s)" % (
                "/".join(a.flags) or a.dest, v, ", ".join(repr(c) for c in a.choices)))
        return v

    def parse_known_args(self, args=None, namespace=None):
        if args is None:
            args = _sys.argv[1:]
        ns = namespace or Namespace()
        for a in self._actions:
            if not hasattr(ns, a.dest):
                setattr(ns, a.dest, a.default)
        for k, v in getattr(self, "_defaults", {}).items():
            setattr(ns, k, v)
        positionals = [a for a in self._actions if a.positional]
        sub = getattr(self, "_subparsers", None)
        if sub is not None and sub.dest is not None and not hasattr(ns, sub.dest):
            setattr(ns, sub.dest, None)
        sub_seen = False
        extras = []
        pos_values = []
        i = 0
        seen = set()
        while i < len(args):
            arg = args[i]
            if arg == "--":
                pos_values.extend(args[i + 1:])
                break
            if arg.startswith("-") and arg != "-" and not (arg[1:2].isdigit()):
                if arg in ("-h", "--help") and self.add_help:
                    self.print_help()
                    raise SystemExit(0)
                val = None
                if "=" in arg and arg.startswith("--"):
                    arg, val = arg.split("=", 1)
                act = None
                for a in self._actions:
                    if arg in a.flags:
                        act = a
                if act is None:
                    extras.append(args[i])
                    i += 1
                    continue
                seen.add(act.dest)
                if act.action == "store_true":
                    setattr(ns, act.dest, True)
                elif act.action == "store_false":
                    setattr(ns, act.dest, False)
                elif act.action == "store_const":
                    setattr(ns, act.dest, act.const)
                elif act.action == "count":
                    setattr(ns, act.dest, (getattr(ns, act.dest) or 0) + 1)
                else:
                    if act.nargs in ("*", "+") or isinstance(act.nargs, int):
                        vals = []
                        while i + 1 < len(args) and not args[i + 1].startswith("-"):
                            vals.append(self._convert(act, args[i + 1]))
                            i += 1
                            if isinstance(act.nargs, int) and len(vals) == act.nargs:
                                break
                        v = vals
                    else:
                        if val is None:
                            if i + 1 >= len(args):
                                if act.nargs == "?":
                                    setattr(ns, act.dest, act.const)
                                    i += 1
                                    continue
                                self.error("argument %s: expected one argument" % "/".join(act.flags))
                            val = args[i + 1]
                            i += 1
                        v = self._convert(act, val)
                    if act.action == "append":
                        cur = getattr(ns, act.dest)
                        setattr(ns, act.dest, (list(cur) if cur else []) + [v])
                    else:
                        setattr(ns, act.dest, v)
                i += 1
                continue
            if sub is not None and len(pos_values) >= len(positionals):
                parser = sub.choices.get(arg)
                if parser is None:
                    self.error("argument %s: invalid choice: %r (choose from %s)" % (
                        sub.metavar or sub.dest or "{%s}" % ",".join(sub.choices), arg,
                        ", ".join(repr(c) for c in sub.choices)))
                if sub.dest is not None:
                    setattr(ns, sub.dest, sub.names.get(arg, arg))
                ns, more = parser.parse_known_args(args[i + 1:], ns)
                extras.extend(more)
                sub_seen = True
                break
            pos_values.append(arg)
            i += 1
        if sub is not None and sub.required and not sub_seen:
            self.error("the following arguments are required: %s" % (
                sub.dest or "{%s}" % ",".join(sub.choices)))
        j = 0
        for a in positionals:
            if a.nargs in ("*", "+"):
                rest = pos_values[j:]
                if a.nargs == "+" and not rest:
                    self.error("the following arguments are required: %s" % a.dest)
                if rest or a.default is None:
                    setattr(ns, a.dest, [self._convert(a, v) for v in rest])
                j = len(pos_values)
            elif a.nargs == "?":
                if j < len(pos_values):
                    setattr(ns, a.dest, self._convert(a, pos_values[j]))
                    j += 1
            elif isinstance(a.nargs, int):
                setattr(ns, a.dest, [self._convert(a, v) for v in pos_values[j:j + a.nargs]])
                j += a.nargs
            else:
                if j >= len(pos_values):
                    missing = [b.dest for b in positionals[positionals.index(a):] if b.required]
                    self.error("the following arguments are required: %s" % ", ".join(missing))
                setattr(ns, a.dest, self._convert(a, pos_values[j]))
                j += 1
        extras.extend(pos_values[j:])
        for a in self._actions:
            if not a.positional and a.required and a.dest not in seen:
                self.error("the following arguments are required: %s" % "/".join(a.flags))
            if isinstance(getattr(ns, a.dest, None), str) and a.type is not None and a.dest not in seen and not a.positional:
                setattr(ns, a.dest, a.type(getattr(ns, a.dest)))
        return ns, extras

    def parse_args(self, args=None, namespace=None):
        ns, extras = self.parse_known_args(args, namespace)
        if extras:
            self.error("unrecognized arguments: %s" % " ".join(extras))
        return ns
