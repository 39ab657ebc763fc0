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


def _abc(name, required, bases=(), mixins=None):
    ns = {"_required": required, "__module__": "collections.abc"}
    if mixins:
        ns.update(mixins)
    return _ABCMeta(name, bases, ns)


# the mixin methods the ABCs give their subclasses (as CPython's)

def _iter_self(self):
    return self


def _seq_iter(self):
    i = 0
    try:
        while True:
            v = self[i]
            yield v
            i += 1
    except IndexError:
        return


def _seq_contains(self, value):
    for v in self:
        if v is value or v == value:
            return True
    return False


def _seq_reversed(self):
    for i in reversed(range(len(self))):
        yield self[i]


def _seq_index(self, value, start=0, stop=None):
    if start is not None and start < 0:
        start = max(len(self) + start, 0)
    if stop is not None and stop < 0:
        stop += len(self)
    i = start
    while stop is None or i < stop:
        try:
            v = self[i]
        except IndexError:
            break
        if v is value or v == value:
            return i
        i += 1
    raise ValueError


def _seq_count(self, value):
    return sum(1 for v in self if v is value or v == value)


def _mseq_append(self, value):
    self.insert(len(self), value)


def _mseq_clear(self):
    try:
        while True:
            self.pop()
    except IndexError:
        pass


def _mseq_reverse(self):
    n = len(self)
    for i in range(n // 2):
        self[i], self[n - i - 1] = self[n - i - 1], self[i]


def _mseq_extend(self, values):
    if values is self:
        values = list(values)
    for v in values:
        self.append(v)


def _mseq_pop(self, index=-1):
    v = self[index]
    del self[index]
    return v


def _mseq_remove(self, value):
    del self[self.index(value)]


def _mseq_iadd(self, values):
    self.extend(values)
    return self


def _map_get(self, key, default=None):
    try:
        return self[key]
    except KeyError:
        return default


def _map_contains(self, key):
    try:
        self[key]
    except KeyError:
        return False
    return True


def _map_keys(self):
    return KeysView(self)


def _map_items(self):
    return ItemsView(self)


def _map_values(self):
    return ValuesView(self)


def _map_eq(self, other):
    if not isinstance(other, Mapping):
        return NotImplemented
    return dict(self.items()) == dict(other.items())


_marker = object()


def _mmap_pop(self, key, default=_marker):
    try:
        value = self[key]
    except KeyError:
        if default is _marker:
            raise
        return default
    del self[key]
    return value


def _mmap_popitem(self):
    try:
        key = next(iter(self))
    except StopIteration:
        raise KeyError from None
    value = self[key]
    del self[key]
    return key, value


def _mmap_clear(self):
    try:
        while True:
            self.popitem()
    except KeyError:
        pass


def _mmap_update(self, other=(), /, **kwds):
    if isinstance(other, Mapping):
        for key in other:
            self[key] = other[key]
    elif hasattr(other, "keys"):
        for key in other.keys():
            self[key] = other[key]
    else:
        for key, value in other:
            self[key] = value
    for key, value in kwds.items():
        self[key] = value


def _mmap_setdefault(self, key, default=None):
    try:
        return self[key]
    except KeyError:
        self[key] = default
    return default


def _set_le(self, other):
    if not isinstance(other, Set):
        return NotImplemented
    if len(self) > len(other):
        return False
    for elem in self:
        if elem not in other:
            return False
    return True


def _set_lt(self, other):
    if not isinstance(other, Set):
        return NotImplemented
    return len(self) < len(other) and self.__le__(other)


def _set_ge(self, other):
    if not isinstance(other, Set):
        return NotImplemented
    if len(self) < len(other):
        return False
    for elem in other:
        if elem not in self:
            return False
    return True


def _set_gt(self, other):
    if not isinstance(other, Set):
        return NotImplemented
    return len(self) > len(other) and self.__ge__(other)


def _set_eq(self, other):
    if not isinstance(other, Set):
        return NotImplemented
    return len(self) == len(other) and self.__le__(other)


def _set_from_iterable(cls, it):
    return cls(it)


def _set_and(self, other):
    return self._from_iterable(value for value in other if value in self)


def _set_or(self, other):
    chain = [e for s in (self, other) for e in s]
    return self._from_iterable(chain)


def _set_sub(self, other):
    if not isinstance(other, Set):
        other = self._from_iterable(other)
    return self._from_iterable(value for value in self if value not in other)


def _set_xor(self, other):
    if not isinstance(other, Set):
        other = self._from_iterable(other)
    return (self - other) | (other - self)


def _set_isdisjoint(self, other):
    for value in other:
        if value in self:
            return False
    return True


def _mset_remove(self, value):
    if value not in self:
        raise KeyError(value)
    self.discard(value)


def _mset_pop(self):
    it = iter(self)
    try:
        value = next(it)
    except StopIteration:
        raise KeyError from None
    self.discard(value)
    return value


def _mset_clear(self):
    try:
        while True:
            self.pop()
    except KeyError:
        pass


def _mset_ior(self, it):
    for value in it:
        self.add(value)
    return self


def _mset_iand(self, it):
    for value in (self - it):
        self.discard(value)
    return self


def _mset_isub(self, it):
    if it is self:
        self.clear()
    else:
        for value in it:
            self.discard(value)
    return self


def _view_init(self, mapping):
    self._mapping = mapping


def _view_len(self):
    return len(self._mapping)


def _view_repr(self):
    return "{0.__class__.__name__}({0._mapping!r})".format(self)


def _keys_iter(self):
    yield from self._mapping


def _keys_contains(self, key):
    return key in self._mapping


def _items_iter(self):
    for key in self._mapping:
        yield (key, self._mapping[key])


def _items_contains(self, item):
    key, value = item
    try:
        v = self._mapping[key]
    except KeyError:
        return False
    return v is value or v == value


def _values_iter(self):
    for key in self._mapping:
        yield self._mapping[key]


def _values_contains(self, value):
    for key in self._mapping:
        v = self._mapping[key]
        if v is value or v == value:
            return True
    return False


_set_mixins = {"__le__": _set_le, "__lt__": _set_lt, "__ge__": _set_ge, "__gt__": _set_gt,
               "__eq__": _set_eq, "__and__": _set_and, "__rand__": _set_and, "__or__": _set_or,
               "__ror__": _set_or, "__sub__": _set_sub, "__xor__": _set_xor, "__rxor__": _set_xor,
               "isdisjoint": _set_isdisjoint, "_from_iterable": classmethod(_set_from_iterable),
               "__hash__": None}


Hashable = _abc("Hashable", ("__hash__",))
Iterable = _abc("Iterable", ("__iter__",))
Iterator = _abc("Iterator", ("__iter__", "__next__"), (Iterable,), {"__iter__": _iter_self})
Reversible = _abc("Reversible", ("__reversed__", "__iter__"), (Iterable,))
Generator = _abc("Generator", ("__iter__", "__next__", "send", "throw", "close"), (Iterator,))
Sized = _abc("Sized", ("__len__",))
Container = _abc("Container", ("__contains__",))
Callable = _abc("Callable", ("__call__",))
Collection = _abc("Collection", ("__len__", "__iter__", "__contains__"), (Sized, Iterable, Container))
Sequence = _abc("Sequence", ("__getitem__", "__len__"), (Reversible, Collection),
                {"__iter__": _seq_iter, "__contains__": _seq_contains, "__reversed__": _seq_reversed,
                 "index": _seq_index, "count": _seq_count})
MutableSequence = _abc("MutableSequence", ("__getitem__", "__setitem__", "__delitem__", "__len__", "insert"),
                       (Sequence,),
                       {"append": _mseq_append, "clear": _mseq_clear, "reverse": _mseq_reverse,
                        "extend": _mseq_extend, "pop": _mseq_pop, "remove": _mseq_remove,
                        "__iadd__": _mseq_iadd})
Set = _abc("Set", ("__len__", "__iter__", "__contains__"), (Collection,), _set_mixins)
MutableSet = _abc("MutableSet", ("add", "discard"), (Set,),
                  {"remove": _mset_remove, "pop": _mset_pop, "clear": _mset_clear, "__ior__": _mset_ior,
                   "__iand__": _mset_iand, "__isub__": _mset_isub})
Mapping = _abc("Mapping", ("__getitem__", "__len__", "__iter__", "keys", "items", "values", "get"), (Collection,),
               {"get": _map_get, "__contains__": _map_contains, "keys": _map_keys, "items": _map_items,
                "values": _map_values, "__eq__": _map_eq, "__hash__": None, "__reversed__": None})
MutableMapping = _abc("MutableMapping", ("__getitem__", "__setitem__", "__delitem__", "keys"), (Mapping,),
                      {"pop": _mmap_pop, "popitem": _mmap_popitem, "clear": _mmap_clear,
                       "update": _mmap_update, "setdefault": _mmap_setdefault})
MappingView = _abc("MappingView", ("__len__",), (Sized,),
                   {"__init__": _view_init, "__len__": _view_len, "__repr__": _view_repr})
KeysView = _abc("KeysView", ("__len__", "__iter__"), (MappingView, Set),
                {"__iter__": _keys_iter, "__contains__": _keys_contains,
                 "_from_iterable": classmethod(lambda cls, it: set(it))})
ItemsView = _abc("ItemsView", ("__len__", "__iter__"), (MappingView, Set),
                 {"__iter__": _items_iter, "__contains__": _items_contains,
                  "_from_iterable": classmethod(lambda cls, it: set(it))})
ValuesView = _abc("ValuesView", ("__len__", "__iter__"), (MappingView, Collection),
                  {"__iter__": _values_iter, "__contains__": _values_contains})
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
