class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return "..."
    def describe(self):
        return "%s the %s says %s" % (self.name, self.kind, self.speak())
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return "woof"
class Puppy(Dog):
    def __init__(self, name, age):
        super().__init__(name)
        self.age = age
    def speak(self):
        return super().speak() + " (squeak)"
for a in [Animal("generic"), Dog("rex"), Puppy("bit", 1)]:
    print(a.describe())
p = Puppy("z", 2)
print(isinstance(p, Animal), isinstance(p, Dog), issubclass(Puppy, Animal), issubclass(Animal, Dog), type(p).__name__, p.age)
print(Puppy.__mro__ == (Puppy, Dog, Animal, object), Puppy.__bases__ == (Dog,), Dog.kind, Puppy.kind)
Animal.kind = "creature"
print(Animal("x").describe(), Dog("y").kind)
