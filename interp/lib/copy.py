"""copy for elide."""


class Error(Exception):
    pass


def copy(x):
    cls = type(x)
    if cls in (int, float, bool, str, tuple, frozenset, type, range, type(None)):
        return x
    if cls is list:
        return list(x)
    if cls is dict:
        return dict(x)
    if cls is set:
        return set(x)
    m = getattr(x, "__copy__", None)
    if m is not None:
        return m()
    if isinstance(x, list):
        y = cls.__new__(cls)
        y.extend(x)
    elif isinstance(x, dict):
        y = cls.__new__(cls)
        y.update(x)
    else:
        y = object.__new__(cls)
    d = getattr(x, "__dict__", None)
    if d:
        y.__dict__.update(d)
    return y


def deepcopy(x, memo=None):
    if memo is None:
        memo = {}
    i = id(x)
    if i in memo:
        return memo[i]
    cls = type(x)
    if cls in (int, float, bool, str, type, range, type(None), frozenset):
        return x
    if cls is list:
        y = []
        memo[i] = y
        for v in x:
            y.append(deepcopy(v, memo))
        return y
    if cls is tuple:
        y = tuple(deepcopy(v, memo) for v in x)
        memo[i] = y
        return y
    if cls is dict:
        y = {}
        memo[i] = y
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
        return y
    if cls is set:
        y = set(deepcopy(v, memo) for v in x)
        memo[i] = y
        return y
    m = getattr(x, "__deepcopy__", None)
    if m is not None:
        y = m(memo)
        memo[i] = y
        return y
    if callable(x) and not hasattr(x, "__dict__"):
        return x
    if isinstance(x, tuple):
        return cls(*[deepcopy(v, memo) for v in x])
    y = object.__new__(cls) if not isinstance(x, (list, dict)) else cls.__new__(cls)
    memo[i] = y
    if isinstance(x, list):
        for v in x:
            y.append(deepcopy(v, memo))
    elif isinstance(x, dict):
        for k, v in x.items():
            y[deepcopy(k, memo)] = deepcopy(v, memo)
    d = getattr(x, "__dict__", None)
    if d:
        for k, v in d.items():
            setattr(y, k, deepcopy(v, memo))
    return y
