# dataclasses: InitVar, ClassVar, kw_only, slots, frozen, order, inheritance, asdict/astuple/replace
from dataclasses import dataclass, field, asdict, astuple, replace, fields, is_dataclass, InitVar
from typing import ClassVar, List
@dataclass
class Item:
    name: str
    price: float
    qty: int = 1
    tags: List[str] = field(default_factory=list)
    secret: str = field(default="s", repr=False, compare=False)
    count: ClassVar[int] = 0
    def __post_init__(self):
        Item.count += 1
        self.total = self.price * self.qty
i = Item("pen", 1.5, 3)
print(i, i.total, Item.count, asdict(i), astuple(i), replace(i, qty=10), [f.name for f in fields(i)], is_dataclass(i))
print(i == Item("pen", 1.5, 3, secret="other"))
@dataclass
class Base:
    x: int
    y: int = 0
@dataclass
class Derived(Base):
    z: int = 5
print(Derived(1), Derived(1, 2, 3), Derived.__mro__[1].__name__)
@dataclass(order=True)
class Ver:
    major: int
    minor: int = 0
print(sorted([Ver(1, 2), Ver(1, 0), Ver(0, 9)]), Ver(1) <= Ver(1, 0), max(Ver(2), Ver(1, 99)))
@dataclass(frozen=True)
class Pt:
    x: float
    y: float
p = Pt(1.0, 2.0); print(p, hash(p) == hash(Pt(1.0, 2.0)), {p: 1}[Pt(1.0, 2.0)])
try: p.x = 5
except Exception as e: print(type(e).__name__, e)
@dataclass
class WithInit:
    a: int
    b: InitVar[int] = 2
    c: int = field(init=False)
    def __post_init__(self, b): self.c = self.a * b
print(WithInit(3), WithInit(3, 5).c)
try:
    @dataclass
    class Bad:
        a: int = 1
        b: int
except TypeError as e: print(e)
@dataclass(eq=False)
class NoEq:
    v: int
print(NoEq(1) == NoEq(1), NoEq(1))
@dataclass
class Nested:
    items: list = field(default_factory=lambda: [1, 2])
    inner: Pt = None
print(asdict(Nested(inner=Pt(0, 1))), Nested() == Nested())
@dataclass(kw_only=True)
class KW:
    a: int
    b: int = 2
print(KW(a=1), KW(b=3, a=0))
@dataclass(slots=True)
class Sl:
    a: int
    b: str = "x"
s = Sl(1); print(s, hasattr(s, '__dict__'), Sl.__slots__)
@dataclass(unsafe_hash=True)
class UH:
    a: int
print(hash(UH(1)) == hash(UH(1)), UH.__eq__ is not object.__eq__)
print(repr(field(default=1))[:6])
