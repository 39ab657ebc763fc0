# helper module
from helper_shapes import square_area
calls = []
def record(x):
    calls.append(x)
    return square_area(x)
