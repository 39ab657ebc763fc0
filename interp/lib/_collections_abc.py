"""collections.abc for elide: ABCs checked structurally (by methods), as
CPython's __subclasshook__s do for the one-method protocols."""


class _ABCMeta(type):
    def __instancecheck__(cls, obj):
        return cls.__subclasscheck__(type(obj))

    def __subclasscheck__(cls, sub):
        if cls in getattr(sub, "__mro__", ()):
            return True
        for b in cls.__dict__.get("_registry", ()):
            if b in getattr(sub, "__mro__", ()):
                return True
        need = cls.__dict__.get("_required", ())
        if not need:
            return False
        for name in need:
            for k in sub.__mro__:
                if name in k.__dict__:
                    if k.__dict__[name] is None:
                        return False
                    break
            else:
                return False
        return True

    def register(cls, sub):
        reg = cls.__dict__.get("_registry")
        if reg is None:
            reg = []
            type.__setattr__(cls, "_registry", reg)
        reg.append(sub)
        return sub


def _abc(name, required, bases=()):
    return _ABCMeta(name, bases, {"_required": required, "__module__": "collections.abc"})


Hashable = _abc("Hashable", ("__hash__",))
Iterable = _abc("Iterable", ("__iter__",))
Iterator = _abc("Iterator", ("__iter__", "__next__"), (Iterable,))
Reversible = _abc("Reversible", ("__reversed__", "__iter__"), (Iterable,))
Generator = _abc("Generator", ("__iter__", "__next__", "send", "throw", "close"), (Iterator,))
Sized = _abc("Sized", ("__len__",))
Container = _abc("Container", ("__contains__",))
Callable = _abc("Callable", ("__call__",))
Collection = _abc("Collection", ("__len__", "__iter__", "__contains__"), (Sized, Iterable, Container))
Sequence = _abc("Sequence", ("__getitem__", "__len__"), (Reversible, Collection))
MutableSequence = _abc("MutableSequence", ("__getitem__", "__setitem__", "__delitem__", "__len__", "insert"), (Sequence,))
Set = _abc("Set", ("__len__", "__iter__", "__contains__"), (Collection,))
MutableSet = _abc("MutableSet", ("add", "discard"), (Set,))
Mapping = _abc("Mapping", ("__getitem__", "__len__", "__iter__", "keys", "items", "values", "get"), (Collection,))
MutableMapping = _abc("MutableMapping", ("__getitem__", "__setitem__", "__delitem__", "keys"), (Mapping,))
MappingView = _abc("MappingView", ("__len__",), (Sized,))
KeysView = _abc("KeysView", ("__len__", "__iter__"), (MappingView,))
ItemsView = _abc("ItemsView", ("__len__", "__iter__"), (MappingView,))
ValuesView = _abc("ValuesView", ("__len__", "__iter__"), (MappingView,))
Awaitable = _abc("Awaitable", ("__await__",))
Coroutine = _abc("Coroutine", ("send", "throw", "close"), (Awaitable,))
AsyncIterable = _abc("AsyncIterable", ("__aiter__",))
AsyncIterator = _abc("AsyncIterator", ("__aiter__", "__anext__"), (AsyncIterable,))

# the built-in sequences and mappings
Sequence.register(tuple)
Sequence.register(str)
Sequence.register(range)
MutableSequence.register(list)
MutableSet.register(set)
Set.register(frozenset)
MutableMapping.register(dict)
Set.register(type({}.keys()))
Set.register(type({}.items()))
