"""abc for elide: abstract methods are recorded and instantiation checks them."""


def abstractmethod(funcobj):
    try:
        funcobj.__isabstractmethod__ = True
    except (AttributeError, TypeError):
        pass
    return funcobj


class ABCMeta(type):
    pass


class ABC:
    def __new__(cls, *args, **kwargs):
        missing = []
        for klass in cls.__mro__:
            for name, value in klass.__dict__.items():
                if getattr(value, "__isabstractmethod__", False):
                    impl = getattr(cls, name, None)
                    if getattr(impl, "__isabstractmethod__", False) and name not in missing:
                        missing.append(name)
        if missing:
            missing.sort()
            raise TypeError("Can't instantiate abstract class %s with abstract method%s %s"
                            % (cls.__name__, "s" if len(missing) > 1 else "", ", ".join(missing)))
        return object.__new__(cls)


def abstractproperty(f):
    return property(abstractmethod(f))
