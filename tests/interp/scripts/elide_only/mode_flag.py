# differential: no
# The default mode in this version is the real GIL.
import elide
print(elide.mode(), elide.stats()["mode"])
