def f():
    return missing_global
try:
    f()
except NameError as e:
    print("NameError:", e)
class C:
    def __init__(self):
        self.present = 1
c = C()
try:
    c.absent
except AttributeError as e:
    print("AttributeError:", e)
try:
    C.nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    import math
    math.nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    del c.absent
except AttributeError as e:
    print("AttributeError on del")
try:
    x = 1
    del x
    print(x)
except NameError as e:
    print("NameError:", e)
