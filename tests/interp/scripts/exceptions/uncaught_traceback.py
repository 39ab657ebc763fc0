# exit: 1
# stderr-contains: Traceback (most recent call last):
# stderr-contains: line 7, in level3
# stderr-contains: line 12, in level1
# stderr-contains: in <module>
def level3(d):
    return d["missing"]
def level2(d):
    return level3(d)
def level1():
    print("about to fail")
    return level2({"present": 1})
level1()
print("never printed")
