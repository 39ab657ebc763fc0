class Tag:
    depth = 0
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("  " * Tag.depth + "<%s>" % self.name)
        Tag.depth += 1
    def __exit__(self, *a):
        Tag.depth -= 1
        print("  " * Tag.depth + "</%s>" % self.name)
with Tag("html"):
    with Tag("body"):
        for i in range(2):
            with Tag("p%d" % i):
                print("  " * Tag.depth + "text")
