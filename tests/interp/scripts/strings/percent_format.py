print("%s %d %i %f %r" % ("a", 3, 4, 1.5, "q"))
print("%5s|%-5s|%05d|%+d|% d|%x|%X|%o|%#x|%#o|%e|%.2e|%g" % ("ab", "ab", 42, 5, 5, 255, 255, 8, 255, 8, 12345.678, 12345.678, 0.00001234))
print("%c%c %%" % (72, "i"), "%(a)s-%(b)03d" % {"a": "x", "b": 7}, "%s" % (1, ) , "%s" % [1, 2])
print("%.3s|%10.4f|%-8.2f|%*d|%-*d|" % ("abcdef", 3.14159, 2.5, 5, 42, 4, 7))
print("%s %s" % (None, True), "%d" % 3.99, "%d" % True, "%s" % 10 ** 20, "%x" % -255)
try:
    "%d %d" % (1,)
except TypeError as e:
    print("TypeError:", e)
try:
    "%d" % "x"
except TypeError as e:
    print("TypeError:", e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print("TypeError:", e)
