class LibraryError(Exception):
    pass
class Book:
    def __init__(self, isbn, title, author, copies=1):
        self.isbn, self.title, self.author = isbn, title, author
        self.copies, self.loans = copies, []
    @property
    def available(self):
        return self.copies - len(self.loans)
    def __repr__(self):
        return "<%s '%s' %d/%d>" % (self.isbn, self.title, self.available, self.copies)
class Member:
    LIMIT = 2
    def __init__(self, name):
        self.name, self.books, self.fines = name, [], 0
class Library:
    def __init__(self):
        self.books, self.members, self.day = {}, {}, 0
    def add(self, *args, **kw):
        b = Book(*args, **kw)
        self.books[b.isbn] = b
    def join(self, name):
        self.members[name] = Member(name)
    def lend(self, name, isbn):
        m, b = self.members[name], self.books.get(isbn)
        if b is None:
            raise LibraryError("no book %s" % isbn)
        if len(m.books) >= m.LIMIT:
            raise LibraryError("%s has reached the limit" % name)
        if b.available == 0:
            raise LibraryError("'%s' is out" % b.title)
        b.loans.append((name, self.day + 14))
        m.books.append(isbn)
    def give_back(self, name, isbn):
        b, m = self.books[isbn], self.members[name]
        due = next(d for n, d in b.loans if n == name)
        b.loans.remove((name, due))
        m.books.remove(isbn)
        late = max(0, self.day - due)
        m.fines += late * 25
        return late
    def search(self, text):
        text = text.lower()
        return sorted((b for b in self.books.values() if text in b.title.lower() or text in b.author.lower()),
                      key=lambda b: b.title)
lib = Library()
lib.add("111", "Dune", "Herbert", copies=2)
lib.add("222", "Emma", "Austen")
lib.add("333", "Persuasion", "Austen")
for n in ["ann", "bob"]:
    lib.join(n)
actions = [("lend", "ann", "111"), ("lend", "bob", "111"), ("lend", "ann", "111"), ("lend", "ann", "222"),
           ("lend", "ann", "333"), ("lend", "bob", "999"), ("advance", 20), ("return", "ann", "111"),
           ("return", "bob", "111"), ("lend", "bob", "222")]
for a in actions:
    try:
        if a[0] == "lend":
            lib.lend(a[1], a[2])
            print("lent", a[2], "to", a[1])
        elif a[0] == "return":
            print("returned", a[2], "late days:", lib.give_back(a[1], a[2]))
        else:
            lib.day += a[1]
            print("day", lib.day)
    except LibraryError as e:
        print("refused:", e)
print(lib.search("austen"), lib.search("DUNE"))
print({n: (m.books, m.fines) for n, m in sorted(lib.members.items())})
