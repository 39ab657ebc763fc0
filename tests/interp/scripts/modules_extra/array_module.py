# array.array: typed item checks, slicing, methods, repr, tobytes
import array
a = array.array('B', [0] * 6)
for i in range(2): a[i * 3 + 2] = 255
print(a, len(a), a[2], a[1:3], list(a), a.tolist(), a.itemsize, a.typecode)
try: a[0] = 256
except OverflowError as e: print(e)
try: a[0] = -1
except OverflowError as e: print(e)
try: a[0] = 1.5
except TypeError as e: print(e)
d = array.array('d', [1, 2.5]); d.append(3); print(d, sum(d), d * 2, d + d, array.array('i'), array.array('u', 'hi'))
i = array.array('i', range(5)); i.reverse(); print(i, i.pop(), i.index(3), i.count(1), 3 in i, i == array.array('i', [4,3,2,1]))
print(array.array('h', [1, -2]).tobytes(), array.array('B', b'ab'), max(array.array('l', [3, 9, 2])))
i[1:3] = array.array('i', [7, 7, 7]); print(i); del i[0]; print(i); i.extend([1, 2]); print(i)
try: array.array('x')
except ValueError as e: print(e)
try: i[99]
except IndexError as e: print(e)
from array import array as A
print(A('b', [-128, 127]), sorted(A('I', [3, 1, 2])), A('q', [2**62]))
