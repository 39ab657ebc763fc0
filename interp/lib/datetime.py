"""datetime for elide: date, time, datetime, timedelta (naive, proleptic
Gregorian, CPython's algorithms and output formats)."""
import time as _time

MINYEAR = 1
MAXYEAR = 9999
_DAYS_IN_MONTH = [-1, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
_DAYS_BEFORE_MONTH = [-1]
_dbm = 0
for _dim in _DAYS_IN_MONTH[1:]:
    _DAYS_BEFORE_MONTH.append(_dbm)
    _dbm += _dim
_MONTHNAMES = [None, "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_FULLMONTHS = [None, "January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December"]
_DAYNAMES = [None, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
_FULLDAYS = [None, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _days_before_year(year):
    y = year - 1
    return y * 365 + y // 4 - y // 100 + y // 400


def _days_in_month(year, month):
    if month == 2 and _is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


def _days_before_month(year, month):
    return _DAYS_BEFORE_MONTH[month] + (month > 2 and _is_leap(year))


def _ymd2ord(year, month, day):
    return _days_before_year(year) + _days_before_month(year, month) + day


_DI400Y = _days_before_year(401)
_DI100Y = _days_before_year(101)
_DI4Y = _days_before_year(5)


def _ord2ymd(n):
    n -= 1
    n400, n = divmod(n, _DI400Y)
    year = n400 * 400 + 1
    n100, n = divmod(n, _DI100Y)
    n4, n = divmod(n, _DI4Y)
    n1, n = divmod(n, 365)
    year += n100 * 100 + n4 * 4 + n1
    if n1 == 4 or n100 == 4:
        return year - 1, 12, 31
    leapyear = n1 == 3 and (n4 != 24 or n100 == 3)
    month = (n + 50) >> 5
    preceding = _DAYS_BEFORE_MONTH[month] + (month > 2 and leapyear)
    if preceding > n:
        month -= 1
        preceding -= _DAYS_IN_MONTH[month] + (month == 2 and leapyear)
    n -= preceding
    return year, month, n + 1


def _check_date(year, month, day):
    if not MINYEAR <= year <= MAXYEAR:
        raise ValueError("year %d is out of range" % year)
    if not 1 <= month <= 12:
        raise ValueError("month must be in 1..12")
    if not 1 <= day <= _days_in_month(year, month):
        raise ValueError("day is out of range for month")


def _strftime(fmt, y, mo, d, h, mi, s, us, wd, yday):
    out = []
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c != "%" or i + 1 >= len(fmt):
            out.append(c)
            i += 1
            continue
        k = fmt[i + 1]
        i += 2
        if k == "Y": out.append("%04d" % y) if y >= 1000 else out.append(str(y))
        elif k == "y": out.append("%02d" % (y % 100))
        elif k == "m": out.append("%02d" % mo)
        elif k == "d": out.append("%02d" % d)
        elif k == "H": out.append("%02d" % h)
        elif k == "I": out.append("%02d" % (h % 12 or 12))
        elif k == "p": out.append("AM" if h < 12 else "PM")
        elif k == "M": out.append("%02d" % mi)
        elif k == "S": out.append("%02d" % s)
        elif k == "f": out.append("%06d" % us)
        elif k == "A": out.append(_FULLDAYS[wd + 1])
        elif k == "a": out.append(_DAYNAMES[wd + 1])
        elif k == "B": out.append(_FULLMONTHS[mo])
        elif k == "b" or k == "h": out.append(_MONTHNAMES[mo])
        elif k == "j": out.append("%03d" % yday)
        elif k == "w": out.append(str((wd + 1) % 7))
        elif k == "u": out.append(str(wd + 1))
        elif k == "e": out.append("%2d" % d)
        elif k == "D": out.append("%02d/%02d/%02d" % (mo, d, y % 100))
        elif k == "F": out.append("%04d-%02d-%02d" % (y, mo, d))
        elif k == "T": out.append("%02d:%02d:%02d" % (h, mi, s))
        elif k == "c": out.append("%s %s %2d %02d:%02d:%02d %04d" % (_DAYNAMES[wd + 1], _MONTHNAMES[mo], d, h, mi, s, y))
        elif k == "x": out.append("%02d/%02d/%02d" % (mo, d, y % 100))
        elif k == "X": out.append("%02d:%02d:%02d" % (h, mi, s))
        elif k == "%": out.append("%")
        else: out.append("%" + k)
    return "".join(out)


class timedelta:
    __slots__ = ("_days", "_seconds", "_microseconds")

    def __init__(self, days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0):
        total = (days + weeks * 7) * 86400 + seconds + minutes * 60 + hours * 3600
        us = microseconds + milliseconds * 1000
        if isinstance(total, float) or isinstance(us, float):
            t = round((total * 1000000) + us)
            total_us = int(t)
        else:
            total_us = total * 1000000 + us
        d, rem = divmod(total_us, 86400 * 1000000)
        s, u = divmod(rem, 1000000)
        if abs(d) > 999999999:
            raise OverflowError("days=%d; must have magnitude <= 999999999" % d)
        self._days, self._seconds, self._microseconds = d, s, u

    days = property(lambda self: self._days)
    seconds = property(lambda self: self._seconds)
    microseconds = property(lambda self: self._microseconds)

    def total_seconds(self):
        return ((self._days * 86400 + self._seconds) * 10 ** 6 + self._microseconds) / 10 ** 6

    def _us(self):
        return (self._days * 86400 + self._seconds) * 1000000 + self._microseconds

    def __repr__(self):
        args = []
        if self._days:
            args.append("days=%d" % self._days)
        if self._seconds:
            args.append("seconds=%d" % self._seconds)
        if self._microseconds:
            args.append("microseconds=%d" % self._microseconds)
        return "datetime.timedelta(%s)" % ", ".join(args) if args else "datetime.timedelta(0)"

    def __str__(self):
        mm, ss = divmod(self._seconds, 60)
        hh, mm = divmod(mm, 60)
        s = "%d:%02d:%02d" % (hh, mm, ss)
        if self._days:
            s = "%d day%s, " % (self._days, "" if abs(self._days) == 1 else "s") + s
        if self._microseconds:
            s = s + ".%06d" % self._microseconds
        return s

    def __add__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() + other._us())
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return timedelta(microseconds=self._us() - other._us())
        return NotImplemented

    def __neg__(self):
        return timedelta(microseconds=-self._us())

    def __pos__(self):
        return self

    def __abs__(self):
        return -self if self._days < 0 else self

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return timedelta(microseconds=round(self._us() * k))
        return NotImplemented

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, timedelta):
            return self._us() / other._us()
        return timedelta(microseconds=round(self._us() / other))

    def __floordiv__(self, other):
        if isinstance(other, timedelta):
            return self._us() // other._us()
        return timedelta(microseconds=self._us() // other)

    def __mod__(self, other):
        return timedelta(microseconds=self._us() % other._us())

    def __eq__(self, other):
        return isinstance(other, timedelta) and self._us() == other._us()

    def __lt__(self, other):
        return self._us() < other._us()

    def __le__(self, other):
        return self._us() <= other._us()

    def __gt__(self, other):
        return self._us() > other._us()

    def __ge__(self, other):
        return self._us() >= other._us()

    def __hash__(self):
        return hash(self._us())

    def __bool__(self):
        return self._us() != 0


timedelta.min = timedelta(-999999999)
timedelta.max = timedelta(days=999999999, hours=23, minutes=59, seconds=59, microseconds=999999)
timedelta.resolution = timedelta(microseconds=1)


class date:
    __slots__ = ("_year", "_month", "_day")

    def __init__(self, year, month, day):
        _check_date(year, month, day)
        self._year, self._month, self._day = year, month, day

    year = property(lambda self: self._year)
    month = property(lambda self: self._month)
    day = property(lambda self: self._day)

    @classmethod
    def today(cls):
        t = _time.localtime() if hasattr(_time, "localtime") else None
        ts = _time.time()
        return cls.fromordinal(int(ts // 86400) + _ymd2ord(1970, 1, 1))

    @classmethod
    def fromordinal(cls, n):
        y, m, d = _ord2ymd(n)
        return cls(y, m, d)

    @classmethod
    def fromisoformat(cls, s):
        return cls(int(s[0:4]), int(s[5:7]), int(s[8:10]))

    @classmethod
    def fromtimestamp(cls, t):
        return cls.fromordinal(int(t // 86400) + _ymd2ord(1970, 1, 1))

    def toordinal(self):
        return _ymd2ord(self._year, self._month, self._day)

    def weekday(self):
        return (self.toordinal() + 6) % 7

    def isoweekday(self):
        return self.weekday() + 1

    def isocalendar(self):
        year = self._year
        week1monday = _isoweek1monday(year)
        today = self.toordinal()
        week, day = divmod(today - week1monday, 7)
        if week < 0:
            year -= 1
            week1monday = _isoweek1monday(year)
            week, day = divmod(today - week1monday, 7)
        elif week >= 52:
            if today >= _isoweek1monday(year + 1):
                year += 1
                week = 0
        return IsoCalendarDate(year, week + 1, day + 1)

    def isoformat(self):
        return "%04d-%02d-%02d" % (self._year, self._month, self._day)

    __str__ = isoformat

    def __repr__(self):
        return "datetime.date(%d, %d, %d)" % (self._year, self._month, self._day)

    def ctime(self):
        return "%s %s %2d 00:00:00 %04d" % (_DAYNAMES[self.isoweekday()], _MONTHNAMES[self._month], self._day, self._year)

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, 0, 0, 0, 0, self.weekday(),
                         self.toordinal() - _ymd2ord(self._year, 1, 1) + 1)

    def __format__(self, fmt):
        return self.strftime(fmt) if fmt else str(self)

    def replace(self, year=None, month=None, day=None):
        return type(self)(year if year is not None else self._year, month if month is not None else self._month,
                          day if day is not None else self._day)

    def timetuple(self):
        return (self._year, self._month, self._day, 0, 0, 0, self.weekday(),
                self.toordinal() - _ymd2ord(self._year, 1, 1) + 1, -1)

    def _cmpkey(self):
        return (self._year, self._month, self._day)

    def __eq__(self, other):
        if isinstance(other, date) and not isinstance(other, datetime) and not isinstance(self, datetime):
            return self._cmpkey() == other._cmpkey()
        return NotImplemented

    def __lt__(self, other):
        return self._cmpkey() < other._cmpkey()

    def __le__(self, other):
        return self._cmpkey() <= other._cmpkey()

    def __gt__(self, other):
        return self._cmpkey() > other._cmpkey()

    def __ge__(self, other):
        return self._cmpkey() >= other._cmpkey()

    def __hash__(self):
        return hash(self._cmpkey())

    def __add__(self, other):
        if isinstance(other, timedelta):
            return type(self).fromordinal(self.toordinal() + other.days)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + timedelta(-other.days)
        if isinstance(other, date):
            return timedelta(self.toordinal() - other.toordinal())
        return NotImplemented


class IsoCalendarDate(tuple):
    def __new__(cls, year, week, weekday):
        return tuple.__new__(cls, (year, week, weekday))

    year = property(lambda self: self[0])
    week = property(lambda self: self[1])
    weekday = property(lambda self: self[2])

    def __repr__(self):
        return "datetime.IsoCalendarDate(year=%d, week=%d, weekday=%d)" % tuple(self)


def _isoweek1monday(year):
    firstday = _ymd2ord(year, 1, 1)
    firstweekday = (firstday + 6) % 7
    week1monday = firstday - firstweekday
    if firstweekday > 3:
        week1monday += 7
    return week1monday


date.min = date(1, 1, 1)
date.max = date(9999, 12, 31)
date.resolution = timedelta(days=1)


class time:
    __slots__ = ("_hour", "_minute", "_second", "_microsecond")

    def __init__(self, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        if not 0 <= hour <= 23:
            raise ValueError("hour must be in 0..23")
        if not 0 <= minute <= 59:
            raise ValueError("minute must be in 0..59")
        if not 0 <= second <= 59:
            raise ValueError("second must be in 0..59")
        self._hour, self._minute, self._second, self._microsecond = hour, minute, second, microsecond

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)

    def isoformat(self):
        s = "%02d:%02d:%02d" % (self._hour, self._minute, self._second)
        if self._microsecond:
            s += ".%06d" % self._microsecond
        return s

    __str__ = isoformat

    def __repr__(self):
        args = [self._hour, self._minute]
        if self._second or self._microsecond:
            args.append(self._second)
        if self._microsecond:
            args.append(self._microsecond)
        return "datetime.time(%s)" % ", ".join(map(str, args))

    def strftime(self, fmt):
        return _strftime(fmt, 1900, 1, 1, self._hour, self._minute, self._second, self._microsecond, 0, 1)

    def _cmpkey(self):
        return (self._hour, self._minute, self._second, self._microsecond)

    def __eq__(self, other):
        return isinstance(other, time) and self._cmpkey() == other._cmpkey()

    def __lt__(self, other):
        return self._cmpkey() < other._cmpkey()

    def __le__(self, other):
        return self._cmpkey() <= other._cmpkey()

    def __gt__(self, other):
        return self._cmpkey() > other._cmpkey()

    def __ge__(self, other):
        return self._cmpkey() >= other._cmpkey()

    def __hash__(self):
        return hash(self._cmpkey())


class datetime(date):
    __slots__ = ("_hour", "_minute", "_second", "_microsecond")

    def __init__(self, year, month, day, hour=0, minute=0, second=0, microsecond=0, tzinfo=None):
        date.__init__(self, year, month, day)
        time.__init__(self, hour, minute, second, microsecond)

    hour = property(lambda self: self._hour)
    minute = property(lambda self: self._minute)
    second = property(lambda self: self._second)
    microsecond = property(lambda self: self._microsecond)

    @classmethod
    def fromtimestamp(cls, t):
        days, rem = divmod(t, 86400)
        us = round(rem * 1000000)
        s, us = divmod(us, 1000000)
        h, s = divmod(s, 3600)
        m, s = divmod(s, 60)
        y, mo, d = _ord2ymd(int(days) + _ymd2ord(1970, 1, 1))
        return cls(y, mo, d, int(h), int(m), int(s), int(us))

    @classmethod
    def now(cls, tz=None):
        return cls.fromtimestamp(_time.time())

    utcnow = now
    today = now

    @classmethod
    def combine(cls, d, t):
        return cls(d.year, d.month, d.day, t.hour, t.minute, t.second, t.microsecond)

    @classmethod
    def fromisoformat(cls, s):
        d = date.fromisoformat(s[:10])
        h = mi = sec = us = 0
        if len(s) > 11:
            t = s[11:]
            h, mi = int(t[0:2]), int(t[3:5])
            if len(t) >= 8:
                sec = int(t[6:8])
            if len(t) > 9:
                us = int((t[9:] + "000000")[:6])
        return cls(d.year, d.month, d.day, h, mi, sec, us)

    @classmethod
    def strptime(cls, s, fmt):
        vals = {"Y": 1900, "m": 1, "d": 1, "H": 0, "M": 0, "S": 0, "f": 0}
        i = j = 0
        while i < len(fmt):
            if fmt[i] == "%" and i + 1 < len(fmt):
                k = fmt[i + 1]
                width = 4 if k == "Y" else 6 if k == "f" else 2
                n = j
                while n < len(s) and n - j < width and s[n].isdigit():
                    n += 1
                if n == j:
                    raise ValueError("time data %r does not match format %r" % (s, fmt))
                vals[k] = int(s[j:n])
                j = n
                i += 2
            else:
                if j >= len(s) or s[j] != fmt[i]:
                    raise ValueError("time data %r does not match format %r" % (s, fmt))
                i += 1
                j += 1
        if j != len(s):
            raise ValueError("unconverted data remains: %s" % s[j:])
        return cls(vals["Y"], vals["m"], vals["d"], vals["H"], vals["M"], vals["S"], vals["f"])

    def date(self):
        return date(self._year, self._month, self._day)

    def time(self):
        return time(self._hour, self._minute, self._second, self._microsecond)

    def timestamp(self):
        return (self.toordinal() - _ymd2ord(1970, 1, 1)) * 86400 + self._hour * 3600 + self._minute * 60 + self._second + self._microsecond / 1e6

    def isoformat(self, sep="T"):
        s = "%04d-%02d-%02d%s%02d:%02d:%02d" % (self._year, self._month, self._day, sep, self._hour, self._minute, self._second)
        if self._microsecond:
            s += ".%06d" % self._microsecond
        return s

    def __str__(self):
        return self.isoformat(" ")

    def __repr__(self):
        args = [self._year, self._month, self._day, self._hour, self._minute]
        if self._second or self._microsecond:
            args.append(self._second)
        if self._microsecond:
            args.append(self._microsecond)
        return "datetime.datetime(%s)" % ", ".join(map(str, args))

    def strftime(self, fmt):
        return _strftime(fmt, self._year, self._month, self._day, self._hour, self._minute, self._second,
                         self._microsecond, self.weekday(), self.toordinal() - _ymd2ord(self._year, 1, 1) + 1)

    def replace(self, year=None, month=None, day=None, hour=None, minute=None, second=None, microsecond=None):
        return datetime(year if year is not None else self._year, month if month is not None else self._month,
                        day if day is not None else self._day, hour if hour is not None else self._hour,
                        minute if minute is not None else self._minute,
                        second if second is not None else self._second,
                        microsecond if microsecond is not None else self._microsecond)

    def _cmpkey(self):
        return (self._year, self._month, self._day, self._hour, self._minute, self._second, self._microsecond)

    def __eq__(self, other):
        if isinstance(other, datetime):
            return self._cmpkey() == other._cmpkey()
        return False if isinstance(other, date) else NotImplemented

    def __hash__(self):
        return hash(self._cmpkey())

    def _us(self):
        return ((self.toordinal() * 86400 + self._hour * 3600 + self._minute * 60 + self._second) * 1000000
                + self._microsecond)

    def __add__(self, other):
        if isinstance(other, timedelta):
            us = self._us() + other._us()
            d, rem = divmod(us, 86400 * 1000000)
            s, u = divmod(rem, 1000000)
            h, s = divmod(s, 3600)
            m, s = divmod(s, 60)
            y, mo, dd = _ord2ymd(d)
            return datetime(y, mo, dd, h, m, s, u)
        return NotImplemented

    __radd__ = __add__

    def __sub__(self, other):
        if isinstance(other, timedelta):
            return self + (-other)
        if isinstance(other, datetime):
            return timedelta(microseconds=self._us() - other._us())
        return NotImplemented


datetime.min = datetime(1, 1, 1)
datetime.max = datetime(9999, 12, 31, 23, 59, 59, 999999)


class timezone:
    def __init__(self, offset, name=None):
        self._offset = offset


timezone.utc = timezone(timedelta(0))
