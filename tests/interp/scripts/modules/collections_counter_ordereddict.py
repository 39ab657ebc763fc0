from collections import Counter, OrderedDict
c = Counter("abracadabra")
print(c.most_common(3), c["a"], c["z"], sorted(c.elements())[:6])
od = OrderedDict([("b", 1), ("a", 2)])
od.move_to_end("b")
print(list(od.keys()))
