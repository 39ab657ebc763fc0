"""array for elide: typed arrays of numbers over a list.

Items are checked and converted as CPython's array does (range of the
integer type codes, float() for 'f' and 'd'); tobytes/frombytes use the
machine's little-endian layout for the integer codes.
"""

typecodes = "bBuhHiIlLqQfd"

_sizes = {"b": 1, "B": 1, "u": 4, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8,
          "q": 8, "Q": 8, "f": 4, "d": 8}
_signed = {"b": True, "B": False, "h": True, "H": False, "i": True, "I": False,
           "l": True, "L": False, "q": True, "Q": False}


def _checker(typecode):
    if typecode in "fd":
        def conv(v):
            if not isinstance(v, (int, float)):
                raise TypeError("must be real number, not %s" % type(v).__name__)
            return float(v)
        return conv
    if typecode == "u":
        def conv(v):
            if not isinstance(v, str) or len(v) != 1:
                raise TypeError("array item must be unicode character")
            return v
        return conv
    bits = _sizes[typecode] * 8
    if _signed[typecode]:
        lo, hi = -(1 << (bits - 1)), (1 << (bits - 1)) - 1
    else:
        lo, hi = 0, (1 << bits) - 1

    def conv(v):
        if not isinstance(v, int):
            if isinstance(v, float):
                raise TypeError("'float' object cannot be interpreted as an integer")
            raise TypeError("an integer is required (got type %s)" % type(v).__name__)
        if v < lo or v > hi:
            if typecode in "bBhHi":
                raise OverflowError("%s is %s than %s" % (_cname[typecode], "less" if v < lo else "greater",
                                                          "minimum" if v < lo else "maximum"))
            raise OverflowError("Python int too large to convert to C %s" % _cname[typecode])
        return v
    return conv


_cname = {"b": "signed char", "B": "unsigned byte integer", "h": "signed short integer",
          "H": "unsigned short", "i": "signed integer", "I": "unsigned int", "l": "long",
          "L": "unsigned long", "q": "long long", "Q": "unsigned long long"}


class array:
    __slots__ = ("typecode", "_a", "_conv")

    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1 or typecode not in typecodes:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self.typecode = typecode
        self._conv = _checker(typecode)
        self._a = []
        if initializer is None:
            return
        if isinstance(initializer, (bytes, bytearray)):
            self.frombytes(initializer)
        elif isinstance(initializer, str):
            if typecode != "u":
                raise TypeError("cannot use a str to initialize an array with typecode '%s'" % typecode)
            self._a = list(initializer)
        else:
            self.extend(initializer)

    @property
    def itemsize(self):
        return _sizes[self.typecode]

    def _new(self, items):
        r = array(self.typecode)
        r._a = items
        return r

    def __len__(self):
        return len(self._a)

    def __iter__(self):
        return iter(self._a)

    def __reversed__(self):
        return reversed(self._a)

    def __contains__(self, v):
        return v in self._a

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._new(self._a[i])
        try:
            return self._a[i]
        except IndexError:
            raise IndexError("array index out of range") from None

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError("can only assign array (not \"%s\") to array slice" % type(v).__name__)
            if v.typecode != self.typecode:
                raise TypeError("bad argument type for built-in operation")
            self._a[i] = v._a
            return
        try:
            self._a[i] = self._conv(v)
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __delitem__(self, i):
        try:
            del self._a[i]
        except IndexError:
            raise IndexError("array assignment index out of range") from None

    def __eq__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a == other._a

    def __ne__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a != other._a

    def __lt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a < other._a

    def __le__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a <= other._a

    def __gt__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a > other._a

    def __ge__(self, other):
        if not isinstance(other, array):
            return NotImplemented
        return self._a >= other._a

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError("can only append array (not \"%s\") to array" % type(other).__name__)
        if other.typecode != self.typecode:
            raise TypeError("bad argument type for built-in operation")
        return self._new(self._a + other._a)

    def __iadd__(self, other):
        if not isinstance(other, array):
            raise TypeError("can only extend array with array (not \"%s\")" % type(other).__name__)
        self.extend(other)
        return self

    def __mul__(self, n):
        return self._new(self._a * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self._a *= n
        return self

    def __copy__(self):
        return self._new(self._a[:])

    def __deepcopy__(self, memo):
        return self._new(self._a[:])

    def __repr__(self):
        if not self._a:
            return "array('%s')" % self.typecode
        if self.typecode == "u":
            return "array('u', %r)" % "".join(self._a)
        return "array('%s', %r)" % (self.typecode, self._a)

    def append(self, v):
        self._a.append(self._conv(v))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable.typecode != self.typecode:
                raise TypeError("can only extend with array of same kind")
            self._a.extend(iterable._a)
            return
        conv = self._conv
        self._a.extend([conv(v) for v in iterable])

    def fromlist(self, lst):
        if not isinstance(lst, list):
            raise TypeError("arg must be list")
        self.extend(lst)

    def tolist(self):
        return self._a[:]

    def insert(self, i, v):
        self._a.insert(i, self._conv(v))

    def pop(self, i=-1):
        if not self._a:
            raise IndexError("pop from empty array")
        try:
            return self._a.pop(i)
        except IndexError:
            raise IndexError("pop index out of range") from None

    def remove(self, v):
        try:
            self._a.remove(v)
        except ValueError:
            raise ValueError("array.remove(x): x not in array") from None

    def index(self, v, start=0, stop=None):
        try:
            if stop is None:
                return self._a.index(v, start)
            return self._a.index(v, start, stop)
        except ValueError:
            raise ValueError("array.index(x): x not in array") from None

    def count(self, v):
        return self._a.count(v)

    def reverse(self):
        self._a.reverse()

    def buffer_info(self):
        return (id(self), len(self._a))

    def byteswap(self):
        if self.typecode in "fdu":
            raise RuntimeError("don't know how to byteswap this array type")
        size = _sizes[self.typecode]
        sgn = _signed[self.typecode]
        self._a = [int.from_bytes(v.to_bytes(size, "little", signed=sgn), "big", signed=sgn) for v in self._a]

    def tobytes(self):
        if self.typecode in "fd":
            raise NotImplementedError("array.tobytes() of float arrays is not supported by elide")
        if self.typecode == "u":
            return "".join(self._a).encode("utf-32-le")
        size = _sizes[self.typecode]
        sgn = _signed[self.typecode]
        return b"".join(v.to_bytes(size, "little", signed=sgn) for v in self._a)

    def frombytes(self, data):
        if self.typecode in "fdu":
            raise NotImplementedError("array.frombytes() of this type code is not supported by elide")
        size = _sizes[self.typecode]
        if len(data) % size:
            raise ValueError("bytes length not a multiple of item size")
        sgn = _signed[self.typecode]
        data = bytes(data)
        self._a.extend(int.from_bytes(data[i:i + size], "little", signed=sgn) for i in range(0, len(data), size))

    def tofile(self, f):
        f.write(self.tobytes())


ArrayType = array
