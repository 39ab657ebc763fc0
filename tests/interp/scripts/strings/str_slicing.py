s = "0123456789"
print(s[2:5], s[:3], s[7:], s[-3:], s[:-3], s[::2], s[1::3], s[::-1], s[8:2:-2], s[-1:-4:-1])
print(s[100:], s[-100:2], s[5:2], s[::-3], s[3:3], s[0], s[-1], len(s))
print(s[slice(2, 8, 3)], s[slice(None, None, -1)], slice(1, 5, 2))
try:
    s[10]
except IndexError as e:
    print("IndexError:", e)
try:
    s[::0]
except ValueError as e:
    print("ValueError:", e)
u = "héllo wörld ☃"
print(len(u), u[1], u[-1], u[::-1], u.upper(), ord(u[-1]), chr(9731), u.find("ö"))
