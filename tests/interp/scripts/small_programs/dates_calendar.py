DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
def leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)
def days_in(y, m):
    return 29 if m == 2 and leap(y) else DAYS[m - 1]
def day_number(y, m, d):
    """Days since 0001-01-01 (proleptic Gregorian), Monday = 0."""
    y1 = y - 1
    n = y1 * 365 + y1 // 4 - y1 // 100 + y1 // 400
    n += sum(days_in(y, k) for k in range(1, m))
    return n + d - 1
def weekday(y, m, d):
    return NAMES[day_number(y, m, d) % 7]
for date in [(2000, 1, 1), (2024, 2, 29), (1969, 7, 20), (2026, 11, 22), (1, 1, 1)]:
    print(date, weekday(*date), day_number(*date))
print(day_number(2025, 1, 1) - day_number(2024, 1, 1), [y for y in range(1896, 1920) if leap(y)])
def calendar(y, m):
    print("     %04d-%02d" % (y, m))
    print(" ".join(n[:2] for n in NAMES))
    start = day_number(y, m, 1) % 7
    cells = ["  "] * start + ["%2d" % d for d in range(1, days_in(y, m) + 1)]
    for i in range(0, len(cells), 7):
        print(" ".join(cells[i:i + 7]))
calendar(2024, 2)
def add_days(y, m, d, k):
    d += k
    while d > days_in(y, m):
        d -= days_in(y, m)
        m += 1
        if m > 12:
            m, y = 1, y + 1
    return y, m, d
print(add_days(2024, 12, 25, 10), add_days(2023, 2, 20, 365))
