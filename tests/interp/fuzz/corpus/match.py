match x:
    case [1, *r] | {"a": r} if r:
        pass
    case Point(x=0, y=_) as p:
        pass
match = 3
match(x)
