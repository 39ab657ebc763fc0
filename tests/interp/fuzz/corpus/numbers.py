x = 0x
y = 1e
z = 09
w = 1__0
