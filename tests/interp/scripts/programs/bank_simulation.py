# A bank with accounts, transactions, interest and an audit, driven by a
# seeded random generator so the run is reproducible.
import random

class InsufficientFunds(Exception):
    def __init__(self, account, amount):
        super().__init__("account %s: cannot withdraw %.2f (balance %.2f)" % (account.number, amount, account.balance))

class Account:
    next_number = 1000
    def __init__(self, owner, balance=0.0):
        self.owner = owner
        self.balance = balance
        self.number = Account.next_number
        Account.next_number += 1
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("dep", amount))
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(self, amount)
        self.balance -= amount
        self.history.append(("wd", amount))
    def __repr__(self):
        return "<%s #%d %s %.2f>" % (type(self).__name__, self.number, self.owner, self.balance)

class Savings(Account):
    rate = 0.02
    def add_interest(self):
        interest = round(self.balance * self.rate, 2)
        self.deposit(interest) if interest > 0 else None
        return interest

class Bank:
    def __init__(self):
        self.accounts = {}
        self.failed = 0
    def open(self, cls, owner, initial):
        acct = cls(owner, initial)
        self.accounts[acct.number] = acct
        return acct
    def transfer(self, src, dst, amount):
        try:
            self.accounts[src].withdraw(amount)
        except InsufficientFunds as e:
            self.failed += 1
            return str(e)
        self.accounts[dst].deposit(amount)
        return None
    def total(self):
        return round(sum(a.balance for a in self.accounts.values()), 2)

rng = random.Random(31337)
bank = Bank()
names = ["ann", "ben", "cat", "dan", "eve", "fay"]
for i, name in enumerate(names):
    bank.open(Savings if i % 2 else Account, name, float(rng.randint(50, 500)))
start_total = bank.total()
numbers = sorted(bank.accounts)
errors = []
for day in range(30):
    for _ in range(5):
        a, b = rng.sample(numbers, 2)
        amount = round(rng.uniform(1, 120), 2)
        err = bank.transfer(a, b, amount)
        if err and len(errors) < 3:
            errors.append(err)
    if day % 10 == 9:
        interest = sum(acct.add_interest() for acct in bank.accounts.values() if isinstance(acct, Savings))
        print("day %d interest paid: %.2f" % (day + 1, interest))
for e in errors:
    print("error:", e)
for n in numbers:
    print(bank.accounts[n], len(bank.accounts[n].history))
print("start %.2f end %.2f failed %d" % (start_total, bank.total(), bank.failed))
richest = max(bank.accounts.values(), key=lambda a: a.balance)
print("richest:", richest.owner)
try:
    bank.accounts[numbers[0]].deposit(-5)
except ValueError as e:
    print("ValueError:", e)
