import helper_shapes
import helper_shapes as hs
from helper_shapes import Circle, square_area as sq
print(helper_shapes.PI, hs is helper_shapes, helper_shapes.__name__)
print(round(Circle(2).area(), 4), sq(5), helper_shapes.loaded_count)
import helper_counter
print(helper_counter.record(3), helper_counter.record(4), helper_counter.calls)
from helper_counter import calls
calls.append("shared")
print(helper_counter.calls)
