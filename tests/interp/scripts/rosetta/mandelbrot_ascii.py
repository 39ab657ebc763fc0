def mandel(c, limit=50):
    z = (0.0, 0.0)
    zr, zi = z
    cr, ci = c
    for i in range(limit):
        zr, zi = zr * zr - zi * zi + cr, 2 * zr * zi + ci
        if zr * zr + zi * zi > 4.0:
            return i
    return limit
chars = " .:-=+*#%@"
for y in range(-12, 13):
    row = ""
    for x in range(-39, 21):
        n = mandel((x / 20.0, y / 10.0))
        row += chars[min(n, 49) * len(chars) // 50]
    print(row.rstrip())
