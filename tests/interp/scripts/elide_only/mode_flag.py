# differential: no
# elide.mode() names the running mode, and the statistics agree. (Which
# mode the default picks is tests/interp/test_mode_cli.py's business.)
import elide
m = elide.mode()
print(m in ("rtm", "fine", "gil", "hle", "emu"), m == elide.stats()["mode"])
