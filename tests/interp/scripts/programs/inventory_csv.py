# Parse CSV-like text from a StringIO, aggregate with defaultdict and
# namedtuple, and print a formatted report.
import io
from collections import defaultdict, namedtuple
DATA = """sku,name,category,qty,price
A100,Widget,tools,12,2.50
A101,Gadget,tools,3,19.99
B200,Apple,food,150,0.35
B201,Bread,food,0,2.10
C300,Novel,books,7,12.00
C301,Atlas,books,2,45.50
A102,Sprocket,tools,40,0.75
"""
Item = namedtuple("Item", "sku name category qty price")
def load(text):
    f = io.StringIO(text)
    header = f.readline().strip().split(",")
    items = []
    for line in f:
        line = line.strip()
        if not line:
            continue
        row = dict(zip(header, line.split(",")))
        items.append(Item(row["sku"], row["name"], row["category"], int(row["qty"]), float(row["price"])))
    return items
items = load(DATA)
by_cat = defaultdict(list)
for it in items:
    by_cat[it.category].append(it)
print("%-8s %5s %10s" % ("category", "items", "value"))
grand = 0.0
for cat in sorted(by_cat):
    value = sum(i.qty * i.price for i in by_cat[cat])
    grand += value
    print("%-8s %5d %10.2f" % (cat, len(by_cat[cat]), value))
print("%-8s %5s %10.2f" % ("total", "", grand))
out_of_stock = [i.name for i in items if i.qty == 0]
low = sorted((i for i in items if 0 < i.qty < 5), key=lambda i: i.qty)
print("out of stock:", out_of_stock)
print("low:", ["%s(%d)" % (i.name, i.qty) for i in low])
priciest = max(items, key=lambda i: i.price)
print(f"priciest: {priciest.name} at ${priciest.price:,.2f}; mean price {sum(i.price for i in items) / len(items):.3f}")
report = io.StringIO()
for it in sorted(items, key=lambda i: (-i.qty * i.price, i.sku)):
    report.write(f"{it.sku:<6}|{it.name:^10}|{it.qty:>4}|{it.qty * it.price:>9.2f}\n")
print(report.getvalue(), end="")
