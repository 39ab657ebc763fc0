# differential: no
# elide.atomic nests, and an exception leaving the block ends the region
# and propagates normally.
import elide
log = []
with elide.atomic:
    log.append("outer")
    with elide.atomic:
        log.append("inner")
print(log)
try:
    with elide.atomic:
        log.append("before raise")
        raise ValueError("leaves the atomic block")
except ValueError as e:
    print("caught:", e)
print(log)
def in_function():
    with elide.atomic:
        return sum(range(10))
print(in_function())
