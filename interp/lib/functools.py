"""functools for elide."""

WRAPPER_ASSIGNMENTS = ("__module__", "__name__", "__qualname__", "__doc__")


def update_wrapper(wrapper, wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=("__dict__",)):
    for attr in assigned:
        try:
            value = getattr(wrapped, attr)
        except AttributeError:
            pass
        else:
            try:
                setattr(wrapper, attr, value)
            except (AttributeError, TypeError):
                pass
    try:
        wrapper.__wrapped__ = wrapped
    except (AttributeError, TypeError):
        pass
    return wrapper


def wraps(wrapped, assigned=WRAPPER_ASSIGNMENTS, updated=("__dict__",)):
    def deco(wrapper):
        return update_wrapper(wrapper, wrapped, assigned, updated)
    return deco


_initial_missing = object()


def reduce(function, sequence, initial=_initial_missing):
    it = iter(sequence)
    if initial is _initial_missing:
        try:
            value = next(it)
        except StopIteration:
            raise TypeError("reduce() of empty iterable with no initial value") from None
    else:
        value = initial
    for element in it:
        value = function(value, element)
    return value


class partial:
    def __init__(self, func, *args, **keywords):
        if not callable(func):
            raise TypeError("the first argument must be callable")
        self.func = func
        self.args = args
        self.keywords = keywords

    def __call__(self, *args, **keywords):
        kw = dict(self.keywords)
        kw.update(keywords)
        return self.func(*self.args, *args, **kw)

    def __repr__(self):
        args = [repr(self.func)]
        args.extend(repr(x) for x in self.args)
        args.extend("%s=%r" % (k, v) for k, v in self.keywords.items())
        return "functools.partial(" + ", ".join(args) + ")"


def cmp_to_key(mycmp):
    class K(object):
        __slots__ = ["obj"]

        def __init__(self, obj):
            self.obj = obj

        def __lt__(self, other):
            return mycmp(self.obj, other.obj) < 0

        def __gt__(self, other):
            return mycmp(self.obj, other.obj) > 0

        def __eq__(self, other):
            return mycmp(self.obj, other.obj) == 0

        def __le__(self, other):
            return mycmp(self.obj, other.obj) <= 0

        def __ge__(self, other):
            return mycmp(self.obj, other.obj) >= 0

        __hash__ = None
    return K


def total_ordering(cls):
    d = cls.__dict__
    if "__lt__" in d:
        if "__gt__" not in d:
            cls.__gt__ = lambda self, other: other < self
        if "__le__" not in d:
            cls.__le__ = lambda self, other: self < other or self == other
        if "__ge__" not in d:
            cls.__ge__ = lambda self, other: not self < other
    elif "__le__" in d:
        if "__ge__" not in d:
            cls.__ge__ = lambda self, other: other <= self
        if "__lt__" not in d:
            cls.__lt__ = lambda self, other: self <= other and not self == other
        if "__gt__" not in d:
            cls.__gt__ = lambda self, other: not self <= other
    elif "__gt__" in d:
        if "__lt__" not in d:
            cls.__lt__ = lambda self, other: other > self
        if "__ge__" not in d:
            cls.__ge__ = lambda self, other: self > other or self == other
        if "__le__" not in d:
            cls.__le__ = lambda self, other: not self > other
    elif "__ge__" in d:
        if "__le__" not in d:
            cls.__le__ = lambda self, other: other >= self
        if "__gt__" not in d:
            cls.__gt__ = lambda self, other: self >= other and not self == other
        if "__lt__" not in d:
            cls.__lt__ = lambda self, other: not self >= other
    else:
        raise ValueError("must define at least one ordering operation: < > <= >=")
    return cls


_CacheInfo = None


def _cache_info_type():
    global _CacheInfo
    if _CacheInfo is None:
        from collections import namedtuple
        _CacheInfo = namedtuple("CacheInfo", ["hits", "misses", "maxsize", "currsize"])
    return _CacheInfo


def lru_cache(maxsize=128, typed=False):
    def decorating(user_function):
        cache = {}
        hits = [0, 0]

        def wrapper(*args, **kwds):
            key = args
            if kwds:
                key = args + (None,) + tuple(sorted(kwds.items()))
            if typed:
                key += tuple(type(v) for v in args)
                if kwds:
                    key += tuple(type(v) for v in kwds.values())
            try:
                result = cache[key]
                hits[0] += 1
                if maxsize is not None:
                    # least recently used goes first: move a hit to the end
                    del cache[key]
                    cache[key] = result
                return result
            except KeyError:
                pass
            hits[1] += 1
            result = user_function(*args, **kwds)
            if maxsize is not None and len(cache) >= maxsize > 0:
                del cache[next(iter(cache))]
            if maxsize != 0:
                cache[key] = result
            return result

        def cache_clear():
            cache.clear()
            hits[0] = hits[1] = 0

        def cache_info():
            return _cache_info_type()(hits[0], hits[1], maxsize, len(cache))

        def cache_parameters():
            return {"maxsize": maxsize, "typed": typed}

        wrapper.cache_clear = cache_clear
        wrapper.cache_parameters = cache_parameters
        wrapper.cache_info = cache_info
        return update_wrapper(wrapper, user_function)

    if callable(maxsize) and not isinstance(maxsize, int):
        f = maxsize
        maxsize = 128
        return decorating(f)
    return decorating


def cache(user_function):
    return lru_cache(maxsize=None)(user_function)


class cached_property:
    def __init__(self, func):
        self.func = func
        self.attrname = None

    def __set_name__(self, owner, name):
        self.attrname = name

    def __get__(self, instance, owner=None):
        if instance is None:
            return self
        val = self.func(instance)
        instance.__dict__[self.attrname] = val
        return val
