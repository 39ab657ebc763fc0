import math
class Shape:
    count = 0
    def __init__(self, name):
        self.name = name
        Shape.count += 1
    def area(self):
        raise NotImplementedError("subclass must implement area")
    def perimeter(self):
        raise NotImplementedError
    def __str__(self):
        return "%s(area=%.2f, perimeter=%.2f)" % (self.name, self.area(), self.perimeter())
    def __lt__(self, other):
        return self.area() < other.area()
class Rect(Shape):
    def __init__(self, w, h):
        super().__init__("Rect")
        self.w, self.h = w, h
    def area(self):
        return self.w * self.h
    def perimeter(self):
        return 2 * (self.w + self.h)
class Square(Rect):
    def __init__(self, s):
        super().__init__(s, s)
        self.name = "Square"
class Circle(Shape):
    def __init__(self, r):
        super().__init__("Circle")
        self.r = r
    def area(self):
        return math.pi * self.r ** 2
    def perimeter(self):
        return 2 * math.pi * self.r
shapes = [Rect(3, 4), Square(2.5), Circle(1), Circle(2.2), Rect(10, 0.5)]
for s in sorted(shapes):
    print(s)
print(Shape.count, sum(s.area() for s in shapes), max(shapes).name, [type(s).__name__ for s in shapes])
try:
    Shape("abstract").area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
print(isinstance(shapes[1], Rect), issubclass(Square, Shape), Square.__mro__[1].__name__)
