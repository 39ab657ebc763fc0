# helper module
"""Imported by the import tests; not a test itself."""
PI = 3.14159
_private = "hidden"
class Circle:
    def __init__(self, r):
        self.r = r
    def area(self):
        return PI * self.r * self.r
def square_area(s):
    return s * s
loaded_count = 0
loaded_count += 1
if __name__ == "__main__":
    print("helper run as main")
