# an unhashable key is a TypeError even when the dict is empty
for d in ({}, {1: 2}):
    for key in ([], {}, set()):
        try:
            d[key]
        except TypeError as e:
            print("getitem", e)
        try:
            print(key in d)
        except TypeError as e:
            print("in", e)
        try:
            d.get(key)
        except TypeError as e:
            print("get", e)
try:
    del (1, 2)[0]
except TypeError as e:
    print(e)
