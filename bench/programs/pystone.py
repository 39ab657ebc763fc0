"""pystone: the Dhrystone synthetic benchmark (Weicker, 1984) in Python:
records, enumerations, string comparison, global and array updates. The
final values of the globals are fixed by the algorithm for a loop count.

usage: pystone.py [LOOPS]   (default 1000000)
"""
import sys

IDENT1, IDENT2, IDENT3, IDENT4, IDENT5 = 1, 2, 3, 4, 5


class Record:
    __slots__ = ("ptr", "discr", "enum", "int_comp", "string")

    def __init__(self, ptr=None, discr=0, enum=0, int_comp=0, string=""):
        self.ptr, self.discr, self.enum = ptr, discr, enum
        self.int_comp, self.string = int_comp, string

    def copy(self):
        return Record(self.ptr, self.discr, self.enum, self.int_comp, self.string)


class State:
    """The benchmark's globals, kept in one object."""

    def __init__(self):
        self.int_glob = 0
        self.bool_glob = False
        self.char1 = "\0"
        self.char2 = "\0"
        self.array1 = [0] * 51
        self.array2 = [[0] * 51 for _ in range(51)]
        self.ptr_glb = None


G = State()


def proc0(loops):
    G.ptr_glb = Record(Record(), IDENT1, IDENT3, 40, "DHRYSTONE PROGRAM, SOME STRING")
    string1 = "DHRYSTONE PROGRAM, 1'ST STRING"
    G.array2[8][7] = 10
    int1 = int2 = int3 = 0
    for _ in range(loops):
        proc5()
        proc4()
        int1, int2 = 2, 3
        string2 = "DHRYSTONE PROGRAM, 2'ND STRING"
        enum_loc = IDENT2
        G.bool_glob = not func2(string1, string2)
        while int1 < int2:
            int3 = 5 * int1 - int2
            int3 = proc7(int1, int2)
            int1 += 1
        proc8(G.array1, G.array2, int1, int3)
        G.ptr_glb = proc1(G.ptr_glb)
        ch = "A"
        while ch <= G.char2:
            if enum_loc == func1(ch, "C"):
                enum_loc = proc6(IDENT1)
            ch = chr(ord(ch) + 1)
        int3 = int2 * int1
        int2 = int3 // int1
        int2 = 7 * (int3 - int2) - int1
        int1 = proc2(int1)
    return int1, int2, int3, enum_loc


def proc1(par):
    par.ptr = nxt = G.ptr_glb.copy()
    par.int_comp = 5
    nxt.int_comp = par.int_comp
    nxt.ptr = par.ptr
    nxt.ptr = proc3(nxt.ptr)
    if nxt.discr == IDENT1:
        nxt.int_comp = 6
        nxt.enum = proc6(par.enum)
        nxt.ptr = G.ptr_glb.ptr
        nxt.int_comp = proc7(nxt.int_comp, 10)
    else:
        par = nxt.copy()
    nxt.ptr = None
    return par


def proc2(value):
    loc = value + 10
    enum_loc = None
    while True:
        if G.char1 == "A":
            loc -= 1
            value = loc - G.int_glob
            enum_loc = IDENT1
        if enum_loc == IDENT1:
            return value


def proc3(out):
    if G.ptr_glb is not None:
        out = G.ptr_glb.ptr
    else:
        G.int_glob = 100
    G.ptr_glb.int_comp = proc7(10, G.int_glob)
    return out


def proc4():
    loc = G.char1 == "A"
    loc = loc or G.bool_glob
    G.char2 = "B"


def proc5():
    G.char1 = "A"
    G.bool_glob = False


def proc6(enum_in):
    out = enum_in
    if not func3(enum_in):
        out = IDENT4
    if enum_in == IDENT1:
        out = IDENT1
    elif enum_in == IDENT2:
        out = IDENT1 if G.int_glob > 100 else IDENT4
    elif enum_in == IDENT3:
        out = IDENT2
    elif enum_in == IDENT5:
        out = IDENT3
    return out


def proc7(a, b):
    return b + (a + 2)


def proc8(arr1, arr2, i1, i2):
    loc = i1 + 5
    arr1[loc] = i2
    arr1[loc + 1] = arr1[loc]
    arr1[loc + 30] = loc
    for idx in range(loc, loc + 2):
        arr2[loc][idx] = loc
    arr2[loc][loc - 1] += 1
    arr2[loc + 20][loc] = arr1[loc]
    G.int_glob = 5


def func1(c1, c2):
    return IDENT1 if c1 != c2 else IDENT2


def func2(s1, s2):
    loc = 1
    ch = "\0"
    while loc <= 1:
        if func1(s1[loc], s2[loc + 1]) == IDENT1:
            ch = "A"
            loc += 1
    if "W" <= ch <= "Z":
        loc = 7
    if ch == "X":
        return True
    return s1 > s2


def func3(enum_in):
    return enum_in == IDENT3


def main(loops):
    int1, int2, int3, enum_loc = proc0(loops)
    p = G.ptr_glb
    print("globals: %d %s %s %s %d %d" % (G.int_glob, G.bool_glob, G.char1, G.char2,
                                          G.array1[8], G.array2[8][7]))
    print("locals: %d %d %d %d; record: %d %d %d %s" % (int1, int2, int3, enum_loc, p.discr,
                                                        p.enum, p.int_comp, p.string))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000000)
