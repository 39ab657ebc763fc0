from helper_shapes import *
print(PI, square_area(3), Circle(1).r)
try:
    _private
except NameError:
    print("_private not imported by *")
try:
    import no_such_module_xyz
except ImportError as e:
    print(type(e).__name__, e)
try:
    from helper_shapes import nothing_here
except ImportError as e:
    # the message ends with the module's absolute path: keep what is stable
    print("ImportError:", str(e).split(" (")[0])
