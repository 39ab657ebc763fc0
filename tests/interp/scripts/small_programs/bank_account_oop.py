class InsufficientFunds(Exception):
    pass
class Account:
    _next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self._balance = balance
        self.id = Account._next_id
        Account._next_id += 1
        self.log = []
    @property
    def balance(self):
        return self._balance
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("amount must be positive")
        self._balance += amount
        self.log.append(("deposit", amount))
        return self
    def withdraw(self, amount):
        if amount > self._balance:
            raise InsufficientFunds("%s has %d, needs %d" % (self.owner, self._balance, amount))
        self._balance -= amount
        self.log.append(("withdraw", amount))
        return self
    def transfer(self, other, amount):
        self.withdraw(amount)
        other.deposit(amount)
    def __repr__(self):
        return "<Account %d %s: %d>" % (self.id, self.owner, self._balance)
class SavingsAccount(Account):
    def __init__(self, owner, balance=0, rate=0.05):
        super().__init__(owner, balance)
        self.rate = rate
    def add_interest(self):
        interest = int(self._balance * self.rate)
        return self.deposit(interest) if interest else self
a = Account("alice", 100)
b = SavingsAccount("bob", 1000, 0.1)
a.deposit(50).withdraw(30)
b.add_interest().add_interest()
a.transfer(b, 100)
print(a, b, a.log, b.log)
for op in [lambda: a.withdraw(1000), lambda: a.deposit(-5), lambda: setattr(a, "balance", 5)]:
    try:
        op()
    except InsufficientFunds as e:
        print("InsufficientFunds:", e)
    except ValueError as e:
        print("ValueError:", e)
    except AttributeError:
        print("AttributeError: read-only balance")
print(sorted([a, b], key=lambda acc: acc.balance), Account._next_id)
