import sys
try:
    import helper_geometry
except ImportError:
    print("not importable before sys.path grows")
sys.path.append(sys.path[0] + "/lib")
import helper_geometry
from helper_geometry import triangle_area
print(helper_geometry.triangle_area(3, 4), triangle_area(5, 2), helper_geometry.__name__)
