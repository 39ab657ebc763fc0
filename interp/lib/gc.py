"""gc for elide: memory is managed by a tracing collector (Boehm GC), which
runs on its own; these calls keep CPython's interface. collect() asks for a
full collection and reports 0 unreachable objects (it does not count them)."""

_enabled = [True]
garbage = []
callbacks = []
DEBUG_STATS = 1
DEBUG_COLLECTABLE = 2
DEBUG_UNCOLLECTABLE = 4
DEBUG_SAVEALL = 32
DEBUG_LEAK = 38


def collect(generation=2):
    return 0


def enable():
    _enabled[0] = True


def disable():
    _enabled[0] = False


def isenabled():
    return _enabled[0]


def get_count():
    return (0, 0, 0)


def get_threshold():
    return (700, 10, 10)


def set_threshold(*args):
    pass


def get_debug():
    return 0


def set_debug(flags):
    pass


def get_objects(generation=None):
    return []


def get_referrers(*objs):
    return []


def get_referents(*objs):
    return []


def is_tracked(obj):
    return not isinstance(obj, (int, float, str, bool, type(None)))


def freeze():
    pass


def unfreeze():
    pass


def get_freeze_count():
    return 0
