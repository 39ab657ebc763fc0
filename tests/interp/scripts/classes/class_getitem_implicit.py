# __class_getitem__ is an implicit classmethod, as __init_subclass__ is
class Box:
    def __class_getitem__(cls, item):
        return "%s[%s]" % (cls.__name__, getattr(item, "__name__", item))

class Crate(Box):
    pass

print(Box[int], Crate[str], Box["x"])
