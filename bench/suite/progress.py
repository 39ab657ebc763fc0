"""Progress on stderr: a bar with the current point and the time left on
a terminal, one plain line per finished point otherwise (logs, CI).

The estimate: every point has a planned cost in seconds; the time left is
the planned cost still to come, scaled by how actual time has compared
with planned time so far."""
import sys
import time

BAR = 28


def _fmt(seconds):
    seconds = max(0, int(seconds))
    return "%dm%02ds" % (seconds // 60, seconds % 60) if seconds >= 60 else "%ds" % seconds


class Progress:
    def __init__(self, planned_total, stream=sys.stderr, tty=None):
        self.total = max(planned_total, 1e-9)
        self.done = 0.0
        self.start = time.monotonic()
        self.out = stream
        self.tty = stream.isatty() if tty is None else tty
        self.width = 0

    def pace(self):
        """Actual seconds per planned second so far (1.0 before any)."""
        elapsed = time.monotonic() - self.start
        return elapsed / self.done if self.done > 0 else 1.0

    def eta(self):
        elapsed = time.monotonic() - self.start
        if self.done <= 0:
            return self.total - elapsed
        return (self.total - self.done) * elapsed / self.done

    def show(self, what):
        """Called before a point starts (the bar names it)."""
        if not self.tty:
            return
        frac = min(1.0, self.done / self.total)
        fill = int(BAR * frac)
        line = "\r[%s%s] %3d%%  ETA %-7s %s" % (
            "#" * fill, "." * (BAR - fill), 100 * frac, _fmt(self.eta()), what)
        pad = max(0, self.width - len(line))
        self.width = len(line)
        self.out.write(line + " " * pad)
        self.out.flush()

    def finished(self, planned, line):
        """Called after a point with its planned cost and a result line."""
        self.done += planned
        if self.tty:
            self.out.write("\r" + " " * self.width + "\r")
            self.width = 0
        self.out.write(line + "\n")
        self.out.flush()

    def close(self):
        self.out.write("total %s\n" % _fmt(time.monotonic() - self.start))
        self.out.flush()
