a, *b, *c = d
(*a) = 1
f() = 2
del f()
x += 1, 2
with (a as b, c as d): pass
