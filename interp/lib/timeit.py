"""timeit for elide: time small snippets (strings or callables)."""
import time as _time

__all__ = ["Timer", "timeit", "repeat", "default_timer"]

default_timer = _time.perf_counter
default_number = 1000000
default_repeat = 5


class Timer:
    def __init__(self, stmt="pass", setup="pass", timer=default_timer, globals=None):
        self.timer = timer
        self._globals = {} if globals is None else globals
        if callable(setup):
            self._setup = setup
        else:
            code = compile(setup, "<timeit-setup>", "exec")
            self._setup = lambda: exec(code, self._globals)
        if callable(stmt):
            self._stmt = stmt
        else:
            code = compile(stmt, "<timeit-src>", "exec")
            self._stmt = lambda: exec(code, self._globals)

    def timeit(self, number=default_number):
        self._setup()
        stmt = self._stmt
        t0 = self.timer()
        for _ in range(number):
            stmt()
        return self.timer() - t0

    def repeat(self, repeat=default_repeat, number=default_number):
        return [self.timeit(number) for _ in range(repeat)]

    def autorange(self, callback=None):
        i = 1
        while True:
            for j in 1, 2, 5:
                number = i * j
                time_taken = self.timeit(number)
                if callback:
                    callback(number, time_taken)
                if time_taken >= 0.2:
                    return (number, time_taken)
            i *= 10


def timeit(stmt="pass", setup="pass", timer=default_timer, number=default_number, globals=None):
    return Timer(stmt, setup, timer, globals).timeit(number)


def repeat(stmt="pass", setup="pass", timer=default_timer, repeat=default_repeat, number=default_number,
           globals=None):
    return Timer(stmt, setup, timer, globals).repeat(repeat, number)
