"""dataclasses for elide: @dataclass with __init__, __repr__, __eq__, order,
frozen, field(default, default_factory), asdict, astuple, replace."""

MISSING = object()


class Field:
    def __init__(self, default=MISSING, default_factory=MISSING, init=True, repr=True,
                 compare=True, hash=None, kw_only=False):
        self.name = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.compare = compare
        self.kw_only = kw_only

    def __repr__(self):
        return "Field(name=%r)" % (self.name,)


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, compare=True,
          hash=None, metadata=None, kw_only=False):
    return Field(default, default_factory, init, repr, compare, hash, kw_only)


class FrozenInstanceError(AttributeError):
    pass


def _fields_of(cls):
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
    for name, typ in anns.items():
        if typ is ClassVar_marker or (isinstance(typ, str) and typ.startswith("ClassVar")):
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = Field(default=default)
        f.name = name
        f.type = typ
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
    return fields


ClassVar_marker = object()


def _process(cls, init, repr_, eq, order, frozen, unsafe_hash):
    fields = _fields_of(cls)
    cls.__dataclass_fields__ = {f.name: f for f in fields}
    init_fields = [f for f in fields if f.init]
    seen_default = False
    for f in init_fields:
        if f.default is not MISSING or f.default_factory is not MISSING:
            seen_default = True
        elif seen_default and not f.kw_only:
            raise TypeError("non-default argument %r follows default argument" % f.name)

    if init and "__init__" not in cls.__dict__:
        def __init__(self, *args, **kwargs):
            if len(args) > len(init_fields):
                raise TypeError("__init__() takes %d positional arguments but %d were given"
                                % (len(init_fields) + 1, len(args) + 1))
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
                    raise TypeError("__init__() missing 1 required positional argument: '%s'" % f.name)
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
                post()
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
    return cls


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False,
              frozen=False, match_args=True, kw_only=False, slots=False):
    def wrap(c):
        return _process(c, init, repr, eq, order, frozen, unsafe_hash)
    if cls is None:
        return wrap
    return wrap(cls)


def fields(obj):
    return tuple(obj.__dataclass_fields__.values())


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
    return obj


def replace(obj, **changes):
    for f in fields(obj):
        if f.init and f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
