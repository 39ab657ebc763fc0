"""enum for elide: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique.

Follows CPython 3.11: member creation through the mixed-in type, aliases,
auto() through _generate_next_value_, _missing_, the functional API,
ReprEnum (IntEnum, StrEnum, IntFlag keep the mixed-in str() and format()),
and Flag composites named 'A|B' in definition order. Class bodies have no
__prepare__ here, so a name bound twice in a body is not an error.
"""

__all__ = ["EnumType", "EnumMeta", "Enum", "ReprEnum", "IntEnum", "StrEnum", "Flag", "IntFlag",
           "auto", "unique", "FlagBoundary", "STRICT", "CONFORM", "EJECT", "KEEP"]

_auto_null = object()


class auto:
    def __init__(self, value=_auto_null):
        self.value = value

    def __repr__(self):
        return "auto(%r)" % (self.value,)


def _is_dunder(name):
    return len(name) > 4 and name[:2] == name[-2:] == "__" and name[2] != "_" and name[-3] != "_"


def _is_sunder(name):
    return len(name) > 2 and name[0] == name[-1] == "_" and name[1] != "_" and name[-2] != "_"


def _is_descriptor(obj):
    return hasattr(obj, "__get__") or hasattr(obj, "__set__") or hasattr(obj, "__delete__")


def _is_private(cls_name, name):
    pattern = "_%s__" % (cls_name.lstrip("_"),)
    return len(name) > len(pattern) and name.startswith(pattern) and not name.endswith("__")


# Members of a str, tuple or bytes mixin have no instance __dict__ in elide:
# their _name_, _value_ and _sort_order_ live here (id -> dict); the class
# keeps the members alive, so the ids stay valid.
_side = {}


def _set(member, name, value):
    try:
        setattr(member, name, value)
    except AttributeError:
        _side.setdefault(id(member), {})[name] = value


def _find_in_mro(cls, name):
    for k in cls.__mro__:
        if name in k.__dict__:
            return k
    return None


class EnumType(type):
    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        member_names = []
        for key, value in list(classdict.items()):
            if _is_dunder(key) or _is_sunder(key) or _is_private(cls, key) or _is_descriptor(value):
                continue
            member_names.append(key)
        values = [classdict.pop(k) for k in member_names]
        ignore = classdict.pop("_ignore_", [])
        if isinstance(ignore, str):
            ignore = ignore.replace(",", " ").split()
        for k in ignore:
            classdict.pop(k, None)
        first_enum = None
        for b in bases:
            for k in b.__mro__:
                if isinstance(k, EnumType) and k._member_names_:
                    raise TypeError("%s: cannot extend enumeration %r" % (cls, k.__name__))
            if first_enum is None and isinstance(b, EnumType):
                first_enum = b
        member_type = object
        for b in bases:
            for k in b.__mro__:
                if k is object or isinstance(k, EnumType):
                    continue
                member_type = k
                break
            if member_type is not object:
                break
        classdict.setdefault("__qualname__", cls)
        enum_class = type.__new__(metacls, cls, bases, classdict, **kwds)
        enum_class._member_names_ = []
        enum_class._member_map_ = {}
        enum_class._value2member_map_ = {}
        enum_class._unhashable_values_ = []
        enum_class._member_type_ = member_type
        enum_class._boundary_ = boundary or getattr(first_enum, "_boundary_", None)
        enum_class._flag_mask_ = 0
        enum_class._all_bits_ = 0
        # repr(), str() and format() of a mixed-in type give way to Enum's
        # (ReprEnum subclasses set theirs in their bodies)
        if first_enum is not None:
            for name in ("__repr__", "__str__", "__format__", "__reduce_ex__"):
                if name in classdict:
                    continue
                owner = _find_in_mro(enum_class, name)
                if owner is None or not isinstance(owner, EnumType):
                    setattr(enum_class, name, getattr(first_enum, name))
        is_flag = Flag is not None and issubclass(enum_class, Flag)
        new = None
        for k in enum_class.__mro__:
            if "__new__" in k.__dict__ and isinstance(k, EnumType) and k not in (Enum, ReprEnum):
                new = k.__dict__["__new__"]
                if isinstance(new, staticmethod):
                    new = new.__func__
                break
        last_values = []
        for i, (name, value) in enumerate(zip(member_names, values)):
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = enum_class._generate_next_value_(name, 1, i, last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                value = tuple(enum_class._generate_next_value_(name, 1, i, last_values[:])
                              if isinstance(v, auto) and v.value is _auto_null else
                              (v.value if isinstance(v, auto) else v) for v in value)
            metacls._add_member(enum_class, name, value, member_type, new)
            last_values.append(value)
        if is_flag:
            mask = 0
            for m in enum_class._member_map_.values():
                v = m._value_
                if isinstance(v, int) and v > 0:
                    mask |= v
            enum_class._flag_mask_ = mask
            enum_class._all_bits_ = (1 << mask.bit_length()) - 1 if mask else 0
        return enum_class

    def _add_member(enum_class, name, value, member_type, new):
        args = value if isinstance(value, tuple) else (value,)
        if member_type is tuple:
            args = (args,)
        if new is not None:
            member = new(enum_class, *args)
        elif member_type is object:
            member = object.__new__(enum_class)
        else:
            member = member_type.__new__(enum_class, *args)
        if not hasattr(member, "_value_"):
            if member_type is object:
                _set(member, "_value_", value)
            else:
                try:
                    _set(member, "_value_", member_type(*args))
                except Exception:
                    _set(member, "_value_", value)
        value = member._value_
        _set(member, "_name_", name)
        _set(member, "_sort_order_", len(enum_class._member_names_))
        init = None
        for k in enum_class.__mro__:
            if "__init__" in k.__dict__ and isinstance(k, EnumType):
                init = k.__dict__["__init__"]
                break
        if init is not None and (Enum is None or init is not Enum.__dict__["__init__"]):
            init(member, *args)
        canonical = None
        try:
            canonical = enum_class._value2member_map_.get(value)
        except TypeError:
            for m in enum_class._unhashable_values_:
                if m._value_ == value:
                    canonical = m
                    break
        if canonical is not None:
            member = canonical
        else:
            is_flag = Flag is not None and issubclass(enum_class, Flag)
            if not is_flag or (isinstance(value, int) and value > 0 and value & (value - 1) == 0):
                enum_class._member_names_.append(name)
            try:
                enum_class._value2member_map_.setdefault(value, member)
            except TypeError:
                enum_class._unhashable_values_.append(member)
        enum_class._member_map_[name] = member
        type.__setattr__(enum_class, name, member)

    def __call__(cls, value, names=None, *, module=None, qualname=None, type=None, start=1, boundary=None):
        if names is None:
            return cls.__new__(cls, value)
        return cls._create_(value, names, module=module, qualname=qualname, type=type, start=start,
                            boundary=boundary)

    def _create_(cls, class_name, names, *, module=None, qualname=None, type=None, start=1, boundary=None):
        metacls = cls.__class__
        bases = (cls,) if type is None else (type, cls)
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original, names, last = names, [], []
            for count, name in enumerate(original):
                value = cls._generate_next_value_(name, start, count, last[:])
                last.append(value)
                names.append((name, value))
        classdict = {}
        items = names.items() if isinstance(names, dict) else names
        for item in items:
            if isinstance(item, str):
                member_name, member_value = item, names[item]
            else:
                member_name, member_value = item
            classdict[member_name] = member_value
        classdict["__qualname__"] = qualname or class_name
        if module is not None:
            classdict["__module__"] = module
        return metacls.__new__(metacls, class_name, bases, classdict, boundary=boundary)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError("unsupported operand type(s) for 'in': '%s' and '%s'"
                            % (member.__class__.__qualname__, cls.__class__.__qualname__))
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    def __bool__(cls):
        return True

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return "<flag %r>" % (cls.__name__,)
        return "<enum %r>" % (cls.__name__,)

    @property
    def __members__(cls):
        return dict(cls._member_map_)


EnumMeta = EnumType
Enum = None
Flag = None
ReprEnum = None


class Enum(metaclass=EnumType):
    def __new__(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for member in cls._unhashable_values_:
                if member._value_ == value:
                    return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is None:
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        raise TypeError("error in %s._missing_: returned %r instead of None or a valid member"
                        % (cls.__name__, result))

    def __init__(self, *args, **kwds):
        pass

    def __getattr__(self, name):
        d = _side.get(id(self))
        if d is not None and name in d:
            return d[name]
        raise AttributeError("%r object has no attribute %r" % (type(self).__name__, name))

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not last_values:
            return start
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                continue
        return start

    @classmethod
    def _missing_(cls, value):
        return None

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        v_repr = self.__class__._member_type_.__repr__
        if self.__class__._member_type_ is object:
            v_repr = repr
        return "<%s.%s: %s>" % (self.__class__.__name__, self._name_, v_repr(self._value_))

    def __str__(self):
        return "%s.%s" % (self.__class__.__name__, self._name_)

    def __format__(self, format_spec):
        return str.__format__(str(self), format_spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __dir__(self):
        return ["__class__", "__doc__", "__module__", "name", "value"]


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in type."""


class IntEnum(int, ReprEnum):
    __repr__ = Enum.__repr__
    __str__ = int.__repr__
    __format__ = int.__format__
    __hash__ = int.__hash__


class StrEnum(str, ReprEnum):
    __repr__ = Enum.__repr__
    __str__ = str.__str__
    __format__ = str.__format__
    __hash__ = str.__hash__

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError("too many arguments for str(): %r" % (values,))
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError("%r is not a string" % (values[0],))
        value = str(*values)
        member = str.__new__(cls, value)
        _set(member, "_value_", value)
        return member

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class FlagBoundary(StrEnum):
    STRICT = auto()
    CONFORM = auto()
    EJECT = auto()
    KEEP = auto()


STRICT, CONFORM, EJECT, KEEP = FlagBoundary.STRICT, FlagBoundary.CONFORM, FlagBoundary.EJECT, FlagBoundary.KEEP


class Flag(Enum, boundary=STRICT):
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        if not count:
            return start if start is not None else 1
        high = 0
        for v in last_values:
            if isinstance(v, int) and v.bit_length() > high:
                high = v.bit_length()
        return 1 << high

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError("%r is not a valid %s" % (value, cls.__qualname__))
        flag_mask = cls._flag_mask_
        all_bits = cls._all_bits_
        neg_value = None
        if value < 0:
            neg_value = value
            value = all_bits + 1 + value
        unknown = value & ~flag_mask
        boundary = cls._boundary_
        if unknown and boundary is STRICT:
            raise ValueError("%r invalid value %r\n    given %s\n  allowed %s"
                             % (cls, neg_value if neg_value is not None else value,
                                _bin(value, max(all_bits.bit_length(), value.bit_length())),
                                _bin(flag_mask, max(all_bits.bit_length(), value.bit_length()))))
        if unknown and boundary is CONFORM:
            value &= flag_mask
            unknown = 0
        member_type = cls._member_type_
        if member_type is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = member_type.__new__(cls, value)
        pseudo._value_ = value
        known = value & flag_mask
        if known or unknown:
            names = [m._name_ for m in cls._iter_member_(known)]
            if unknown:
                names.append(str(unknown))
            pseudo._name_ = "|".join(names)
        else:
            pseudo._name_ = None
        return cls._value2member_map_.setdefault(value, pseudo)

    @classmethod
    def _iter_member_(cls, value):
        members = [m for m in (cls._member_map_[n] for n in cls._member_names_) if m._value_ & value == m._value_]
        return members

    def __iter__(self):
        return iter(self.__class__._iter_member_(self._value_))

    def __len__(self):
        return bin(self._value_).count("1")

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError("unsupported operand type(s) for 'in': %r and %r"
                            % (type(other).__qualname__, self.__class__.__qualname__))
        return other._value_ & self._value_ == other._value_

    def __bool__(self):
        return bool(self._value_)

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = repr if self.__class__._member_type_ is object else self.__class__._member_type_.__repr__
        if self._name_ is None:
            return "<%s: %s>" % (cls_name, v_repr(self._value_))
        return "<%s.%s: %s>" % (cls_name, self._name_, v_repr(self._value_))

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return "%s(%r)" % (cls_name, self._value_)
        return "%s.%s" % (cls_name, self._name_)

    def _other_value(self, other):
        if isinstance(other, self.__class__):
            return other._value_
        if self.__class__._member_type_ is not object and isinstance(other, int):
            return other
        return None

    def __or__(self, other):
        v = self._other_value(other)
        if v is None:
            return NotImplemented
        return self.__class__(self._value_ | v)

    def __and__(self, other):
        v = self._other_value(other)
        if v is None:
            return NotImplemented
        return self.__class__(self._value_ & v)

    def __xor__(self, other):
        v = self._other_value(other)
        if v is None:
            return NotImplemented
        return self.__class__(self._value_ ^ v)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__

    def __invert__(self):
        cls = self.__class__
        if cls._boundary_ is KEEP:
            return cls(~self._value_ & cls._all_bits_ if self._value_ >= 0 else ~self._value_)
        return cls(cls._flag_mask_ ^ (self._value_ & cls._flag_mask_))

    def __hash__(self):
        return hash(self._value_)


def _bin(num, width):
    return "0b0 " + bin(num)[2:].zfill(width)


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    __repr__ = Flag.__repr__
    __str__ = int.__repr__
    __format__ = int.__format__
    __hash__ = int.__hash__
    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__or__
    __rand__ = Flag.__and__
    __rxor__ = Flag.__xor__
    __invert__ = Flag.__invert__
    __contains__ = Flag.__contains__
    __iter__ = Flag.__iter__
    __len__ = Flag.__len__
    __bool__ = Flag.__bool__


def unique(enumeration):
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ", ".join(["%s -> %s" % (alias, name) for (alias, name) in duplicates])
        raise ValueError("duplicate values found in %r: %s" % (enumeration, alias_details))
    return enumeration


def global_enum(cls):
    return cls
