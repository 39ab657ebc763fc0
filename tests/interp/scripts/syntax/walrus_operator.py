data = [3, 8, 1, 9, 4]
if (n := len(data)) > 3:
    print("long list", n)
out = [y for x in data if (y := x * x) > 10]
print(out, y)
import io
stream = io.StringIO("alpha\nbeta\n\ngamma\n")
while (line := stream.readline()):
    print(repr(line.strip()))
total = 0
print([total := total + x for x in range(5)], total)
