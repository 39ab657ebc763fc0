# differential: no
# elide.stats() returns the run's statistics as a dict: 'mode' names the
# mode (as elide.mode()); the counters are non-negative ints; aborts are
# counted by cause; each `with elide.atomic:` block counts as one atomic
# region; top_lines lists (file, line, aborts) for the lines with most aborts.
import elide
s = elide.stats()
print(type(s).__name__, s["mode"] == elide.mode())
counters = ["regions", "tx_started", "tx_committed", "tx_aborted", "fallbacks",
            "contended", "threads", "atomic_regions"]
print(all(isinstance(s[k], int) and s[k] >= 0 for k in counters))
print(s["tx_committed"] <= s["tx_started"], s["threads"] >= 1)
print(sorted(s["aborts"]) == sorted(set(s["aborts"])), "conflict" in s["aborts"], "capacity" in s["aborts"])
print(all(isinstance(v, int) and v >= 0 for v in s["aborts"].values()))
print(all(len(t) == 3 for t in s["top_lines"]))
before = s["atomic_regions"]
for _ in range(5):
    with elide.atomic:
        pass
print(elide.stats()["atomic_regions"] - before)
