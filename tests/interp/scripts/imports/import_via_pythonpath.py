# pythonpath: lib
# The runner puts lib/ on PYTHONPATH; the module is found through it.
import helper_geometry
import sys
print(helper_geometry.triangle_area(6, 5), any(p.endswith("lib") for p in sys.path))
