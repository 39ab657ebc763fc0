"""enum for elide: Enum, IntEnum, Flag (simplified), auto, unique."""

_auto_counter = [0]


class auto:
    def __init__(self):
        _auto_counter[0] += 1
        self._order = _auto_counter[0]
        self.value = None


class EnumMeta(type):
    def __new__(mcs, name, bases, ns, **kw):
        members = []
        for k, v in list(ns.items()):
            if k.startswith("_") or callable(v) or isinstance(v, (staticmethod, classmethod, property)):
                continue
            members.append((k, v))
        for k, v in members:
            del ns[k]
        cls = type.__new__(mcs, name, bases, ns)
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        cls._member_names_ = []
        last = 0
        for k, v in members:
            if isinstance(v, auto):
                v = last + 1 if not issubclass(cls, Flag) else (1 if last == 0 else last * 2)
            last = v if isinstance(v, int) else last
            if v in cls._value2member_map_:
                m = cls._value2member_map_[v]
            else:
                if issubclass(cls, int):
                    m = int.__new__(cls, v)
                else:
                    m = object.__new__(cls)
                m._name_ = k
                m._value_ = v
                cls._value2member_map_[v] = m
                cls._member_names_.append(k)
                init = cls.__dict__.get("__init__")
                if init is not None:
                    if isinstance(v, tuple):
                        init(m, *v)
                    else:
                        init(m, v)
            cls._member_map_[k] = m
            type.__setattr__(cls, k, m)
        return cls

    def __iter__(cls):
        return iter([cls._member_map_[n] for n in cls._member_names_])

    def __len__(cls):
        return len(cls._member_names_)

    def __contains__(cls, member):
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __call__(cls, value, *args, **kw):
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        if isinstance(value, cls):
            return value
        raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))

    @property
    def __members__(cls):
        return dict(cls._member_map_)


class Enum(metaclass=EnumMeta):
    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return "<%s.%s: %r>" % (self.__class__.__name__, self._name_, self._value_)

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __hash__(self):
        return hash(self._name_)

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    def __reduce__(self):
        return (self.__class__, (self._value_,))


class IntEnum(int, Enum):
    def __str__(self):
        return str(self._value_)

    def __eq__(self, other):
        return int(self) == other

    def __hash__(self):
        return hash(self._value_)

    __format__ = None


class Flag(Enum):
    def __or__(self, other):
        return self.__class__._value2member_map_.get(self._value_ | other._value_) or self

    def __and__(self, other):
        return self.__class__._value2member_map_.get(self._value_ & other._value_) or self


class IntFlag(int, Flag):
    pass


def unique(enumeration):
    return enumeration
