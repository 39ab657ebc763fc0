class Item:
    def __init__(self, name, price, qty=0):
        self.name, self.price, self.qty = name, price, qty
    @property
    def value(self):
        return self.price * self.qty
    def __repr__(self):
        return "Item(%r, %.2f, %d)" % (self.name, self.price, self.qty)
class Inventory:
    def __init__(self):
        self.items = {}
    def add(self, name, price, qty):
        if name in self.items:
            self.items[name].qty += qty
        else:
            self.items[name] = Item(name, price, qty)
    def remove(self, name, qty):
        item = self.items.get(name)
        if item is None:
            raise KeyError("no such item: " + name)
        if item.qty < qty:
            raise ValueError("only %d %s left" % (item.qty, name))
        item.qty -= qty
        if item.qty == 0:
            del self.items[name]
    def total(self):
        return sum(i.value for i in self.items.values())
    def report(self):
        for name in sorted(self.items):
            i = self.items[name]
            print("  %-10s %4d x %7.2f = %9.2f" % (name, i.qty, i.price, i.value))
        print("  %-10s %25.2f" % ("total", self.total()))
inv = Inventory()
inv.add("hammer", 12.5, 4)
inv.add("nails", 0.02, 1000)
inv.add("saw", 24.99, 2)
inv.add("hammer", 12.5, 1)
inv.report()
for name, qty in [("nails", 250), ("saw", 3), ("drill", 1), ("saw", 2)]:
    try:
        inv.remove(name, qty)
        print("removed", qty, name)
    except (KeyError, ValueError) as e:
        print(type(e).__name__, e)
inv.report()
print(sorted(inv.items.values(), key=lambda i: -i.value))
