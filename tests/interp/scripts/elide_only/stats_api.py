# differential: no
# elide.stats() returns the run's statistics as a dict: 'mode' names the
# mode, every other value is a non-negative int; each `with elide.atomic:`
# block counts as one atomic region. elide.mode() names the running mode.
import elide
s = elide.stats()
print(type(s).__name__, s["mode"], elide.mode())
print(all(isinstance(v, int) and v >= 0 for k, v in s.items() if k != "mode"))
print(s["threads"] >= 1, "atomic_regions" in s)
before = s["atomic_regions"]
for _ in range(5):
    with elide.atomic:
        pass
print(elide.stats()["atomic_regions"] - before)
