"""dataclasses for elide: @dataclass with __init__, __repr__, __eq__, order,
frozen, slots, kw_only, match_args, field(...), InitVar, ClassVar, KW_ONLY,
asdict, astuple, replace, make_dataclass."""

MISSING = object()


class _KW_ONLY_TYPE:
    def __repr__(self):
        return "KW_ONLY"


KW_ONLY = _KW_ONLY_TYPE()


class InitVar:
    __slots__ = ("type",)

    def __init__(self, type):
        self.type = type

    def __class_getitem__(cls, type):
        return InitVar(type)

    def __repr__(self):
        return "dataclasses.InitVar[%s]" % getattr(self.type, "__name__", repr(self.type))


class Field:
    def __init__(self, default=MISSING, default_factory=MISSING, init=True, repr=True,
                 compare=True, hash=None, kw_only=MISSING, metadata=None):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare
        self.hash = hash
        self.kw_only = kw_only
        self.metadata = {} if metadata is None else metadata
        self._field_type = "field"

    def __repr__(self):
        return ("Field(name=%r,type=%r,default=%r,default_factory=%r,init=%r,repr=%r,hash=%r,"
                "compare=%r,metadata=%r,kw_only=%r,_field_type=%s)"
                % (self.name, self.type, self.default, self.default_factory, self.init, self.repr,
                   self.hash, self.compare, self.metadata, self.kw_only, "_FIELD"))


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, compare=True,
          hash=None, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, compare, hash, kw_only, metadata)


class FrozenInstanceError(AttributeError):
    pass


def _kind(typ):
    if isinstance(typ, InitVar) or typ is InitVar:
        return "initvar"
    if getattr(typ, "_name", None) == "ClassVar":
        return "classvar"
    if isinstance(typ, str):
        t = typ.replace("typing.", "").replace("dataclasses.", "")
        if t.startswith("ClassVar"):
            return "classvar"
        if t.startswith("InitVar"):
            return "initvar"
    return "field"


def _fields_of(cls, kw_only_default):
    fields = []
    for base in reversed(cls.__mro__[1:]):
        for f in getattr(base, "__dataclass_fields__", {}).values():
            for i, g in enumerate(fields):
                if g.name == f.name:
                    fields[i] = f
                    break
            else:
                fields.append(f)
    anns = cls.__dict__.get("__annotations__", {})
    kw_only = kw_only_default
    for name, typ in anns.items():
        if typ is KW_ONLY or (isinstance(typ, str) and typ.endswith("KW_ONLY")):
            kw_only = True
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = Field(default=default)
        f.name = name
        f.type = typ
        f._field_type = _kind(typ)
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if f._field_type == "classvar":
            continue
        if isinstance(f.default, (list, dict, set)):
            raise ValueError("mutable default %s for field %s is not allowed: use default_factory"
                             % (type(f.default), name))
        for i, g in enumerate(fields):
            if g.name == name:
                fields[i] = f
                break
        else:
            fields.append(f)
        if isinstance(default, Field):
            if f.default is MISSING:
                try:
                    delattr(cls, name)
                except AttributeError:
                    pass
            else:
                setattr(cls, name, f.default)
        elif f._field_type == "initvar" and default is not MISSING:
            pass
    return fields


ClassVar_marker = object()


def _process(cls, init, repr_, eq, order, frozen, unsafe_hash, kw_only=False, slots=False,
             match_args=True):
    all_fields = _fields_of(cls, kw_only)
    cls.__dataclass_fields__ = {f.name: f for f in all_fields}
    fields = [f for f in all_fields if f._field_type == "field"]
    initvars = [f for f in all_fields if f._field_type == "initvar"]
    init_all = [f for f in all_fields if f.init]
    pos_fields = [f for f in init_all if not f.kw_only]
    kw_fields = [f for f in init_all if f.kw_only]
    init_fields = pos_fields + kw_fields
    npos = len(pos_fields)
    seen_default = False
    for f in pos_fields:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default:
            raise TypeError("non-default argument %r follows default argument" % f.name)
    if match_args and "__match_args__" not in cls.__dict__:
        cls.__match_args__ = tuple(f.name for f in pos_fields)

    if init and "__init__" not in cls.__dict__:
        def __init__(self, *args, **kwargs):
            if len(args) > npos:
                raise TypeError("__init__() takes %d positional arguments but %d were given"
                                % (npos + 1, len(args) + 1))
            ivals = []
            for i, f in enumerate(init_fields):
                if i < len(args):
                    value = args[i]
                    if f.name in kwargs:
                        raise TypeError("__init__() got multiple values for argument '%s'" % f.name)
                elif f.name in kwargs:
                    value = kwargs.pop(f.name)
                elif f.default is not MISSING:
                    value = f.default
                elif f.default_factory is not MISSING:
                    value = f.default_factory()
                else:
                    raise TypeError("__init__() missing 1 required %s argument: '%s'"
                                    % ("keyword-only" if f.kw_only else "positional", f.name))
                if f._field_type == "initvar":
                    ivals.append(value)
                else:
                    object.__setattr__(self, f.name, value)
            if kwargs:
                raise TypeError("__init__() got an unexpected keyword argument '%s'" % next(iter(kwargs)))
            for f in fields:
                if not f.init:
                    if f.default is not MISSING:
                        object.__setattr__(self, f.name, f.default)
                    elif f.default_factory is not MISSING:
                        object.__setattr__(self, f.name, f.default_factory())
            post = getattr(self, "__post_init__", None)
            if post is not None:
                post(*ivals)
        __init__.__qualname__ = cls.__qualname__ + ".__init__"
        cls.__init__ = __init__

    if repr_ and "__repr__" not in cls.__dict__:
        def __repr__(self):
            return "%s(%s)" % (self.__class__.__qualname__,
                               ", ".join("%s=%r" % (f.name, getattr(self, f.name)) for f in fields if f.repr))
        cls.__repr__ = __repr__

    def _key(self):
        return tuple(getattr(self, f.name) for f in fields if f.compare)

    if eq and "__eq__" not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) == _key(other)
            return NotImplemented
        cls.__eq__ = __eq__
        if not unsafe_hash and not frozen and "__hash__" not in cls.__dict__:
            cls.__hash__ = None

    if order:
        def __lt__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) < _key(other)
            return NotImplemented

        def __le__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) <= _key(other)
            return NotImplemented

        def __gt__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) > _key(other)
            return NotImplemented

        def __ge__(self, other):
            if other.__class__ is self.__class__:
                return _key(self) >= _key(other)
            return NotImplemented
        cls.__lt__ = __lt__
        cls.__le__ = __le__
        cls.__gt__ = __gt__
        cls.__ge__ = __ge__

    if frozen or unsafe_hash:
        def __hash__(self):
            return hash(_key(self))
        cls.__hash__ = __hash__

    if frozen:
        def __setattr__(self, name, value):
            raise FrozenInstanceError("cannot assign to field '%s'" % name)

        def __delattr__(self, name):
            raise FrozenInstanceError("cannot delete field '%s'" % name)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    if slots:
        if "__slots__" in cls.__dict__:
            raise TypeError("%s already specifies __slots__" % cls.__name__)
        ns = dict(cls.__dict__)
        for f in fields:
            ns.pop(f.name, None)
        ns.pop("__dict__", None)
        ns.pop("__weakref__", None)
        ns["__slots__"] = tuple(f.name for f in fields)
        qualname = getattr(cls, "__qualname__", None)
        cls = type(cls)(cls.__name__, cls.__bases__, ns)
        if qualname is not None:
            cls.__qualname__ = qualname
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    def wrap(c):
        return _process(c, init, repr, eq, order, frozen, unsafe_hash, kw_only, slots, match_args)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(obj):
    try:
        fs = obj.__dataclass_fields__
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance") from None
    return tuple(f for f in fs.values() if f._field_type == "field")


def is_dataclass(obj):
    return hasattr(obj, "__dataclass_fields__")


def asdict(obj):
    if is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: asdict(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, list):
        return [asdict(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(asdict(v) for v in obj)
    if isinstance(obj, dict):
        return {asdict(k): asdict(v) for k, v in obj.items()}
    return obj


def astuple(obj):
    if is_dataclass(obj) and not isinstance(obj, type):
        return tuple(astuple(getattr(obj, f.name)) for f in fields(obj))
    if isinstance(obj, list):
        return [astuple(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(astuple(v) for v in obj)
    if isinstance(obj, dict):
        return {astuple(k): astuple(v) for k, v in obj.items()}
    return obj


def replace(obj, **changes):
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError("field %s is declared with init=False, it cannot be specified with replace()"
                                 % f.name)
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, *, bases=(), namespace=None, **kwargs):
    ns = dict(namespace or {})
    anns = {}
    for item in fields:
        if isinstance(item, str):
            name, tp = item, "typing.Any"
        elif len(item) == 2:
            name, tp = item
        else:
            name, tp, spec = item
            ns[name] = spec
        anns[name] = tp
    ns["__annotations__"] = anns
    return dataclass(type(cls_name, bases, ns), **kwargs)
