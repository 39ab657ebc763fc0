"""typing for elide: names that can be imported and subscripted."""


class _Alias:
    def __init__(self, name, origin=None):
        self._name = name
        self.__origin__ = origin

    def __getitem__(self, params):
        return self

    def __call__(self, *args, **kwargs):
        if self.__origin__ is not None:
            return self.__origin__(*args, **kwargs)
        raise TypeError("Cannot instantiate typing." + self._name)

    def __repr__(self):
        return "typing." + self._name

    def __or__(self, other):
        return self

    def __ror__(self, other):
        return self

    def __instancecheck__(self, obj):
        return self.__origin__ is not None and isinstance(obj, self.__origin__)


Any = _Alias("Any")
Union = _Alias("Union")
Optional = _Alias("Optional")
List = _Alias("List", list)
Dict = _Alias("Dict", dict)
Set = _Alias("Set", set)
FrozenSet = _Alias("FrozenSet", frozenset)
Tuple = _Alias("Tuple", tuple)
Callable = _Alias("Callable")
Iterable = _Alias("Iterable")
Iterator = _Alias("Iterator")
Generator = _Alias("Generator")
Sequence = _Alias("Sequence")
Mapping = _Alias("Mapping")
MutableMapping = _Alias("MutableMapping")
Type = _Alias("Type", type)
ClassVar = _Alias("ClassVar")
Final = _Alias("Final")
Literal = _Alias("Literal")
DefaultDict = _Alias("DefaultDict")
Deque = _Alias("Deque")
Counter = _Alias("Counter")
NoReturn = _Alias("NoReturn")
Hashable = _Alias("Hashable")
TYPE_CHECKING = False


def TypeVar(name, *constraints, bound=None, covariant=False, contravariant=False):
    return _Alias(name)


class Generic:
    def __class_getitem__(cls, params):
        return cls


class Protocol:
    def __class_getitem__(cls, params):
        return cls


def NamedTuple(typename, fields=None, **kwargs):
    from collections import namedtuple
    if fields is None:
        fields = kwargs.items()
    return namedtuple(typename, [f[0] for f in fields])


def cast(typ, val):
    return val


def overload(func):
    return func


def final(f):
    return f


def get_type_hints(obj):
    return getattr(obj, "__annotations__", {})
