# assigning or deleting a property without setter/deleter: CPython 3.11's messages
class Account:
    def __init__(self):
        self._b = 10
    @property
    def balance(self):
        return self._b

a = Account()
try:
    a.balance = 5
except AttributeError as e:
    print(e)
try:
    del a.balance
except AttributeError as e:
    print(e)
print(a.balance)
