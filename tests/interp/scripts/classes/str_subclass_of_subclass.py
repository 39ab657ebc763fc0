# a subclass of a str (or tuple) subclass: no instance dict (elide), and no crash when setting one
class Base:
    pass

class S(str, Base):
    pass

class S2(S):
    def shout(self):
        return self.upper() + "!"

for v in ["ab", "a longer string value"]:
    s = S2(v)
    print(s, len(s), s.shout(), isinstance(s, str), s == v)
    try:
        s.attr = 1  # CPython: allowed; elide: AttributeError (no dict after the characters)
    except AttributeError:
        pass

class T(tuple):
    pass

class T2(T):
    def total(self):
        return sum(self)

t = T2((1, 2, 3, 4, 5, 6))
print(t, t.total(), t[1:3])
