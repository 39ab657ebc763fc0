class VendingMachine:
    PRICES = {"A1": 125, "A2": 90, "B1": 200}
    COINS = (200, 100, 50, 20, 10, 5)
    def __init__(self, stock):
        self.stock = dict(stock)
        self.state = "idle"
        self.credit = 0
        self.bank = {c: 5 for c in self.COINS}
        self.sales = []
    def insert(self, coin):
        if coin not in self.COINS:
            return "rejected %d" % coin
        self.credit += coin
        self.bank[coin] += 1
        self.state = "has_credit"
        return "credit %d" % self.credit
    def change_for(self, amount):
        out = []
        for c in self.COINS:
            while amount >= c and self.bank[c] > 0:
                amount -= c
                self.bank[c] -= 1
                out.append(c)
        if amount:
            raise RuntimeError("cannot make change")
        return out
    def select(self, code):
        if code not in self.PRICES:
            return "unknown %s" % code
        if self.stock.get(code, 0) == 0:
            return "sold out %s" % code
        price = self.PRICES[code]
        if self.credit < price:
            return "need %d more" % (price - self.credit)
        change = self.change_for(self.credit - price)
        self.stock[code] -= 1
        self.sales.append(code)
        self.credit, self.state = 0, "idle"
        return "vend %s change %s" % (code, change)
    def cancel(self):
        refund = self.change_for(self.credit) if self.credit else []
        self.credit, self.state = 0, "idle"
        return "refund %s" % refund
vm = VendingMachine({"A1": 2, "A2": 0, "B1": 1})
script = [("insert", 100), ("select", "A1"), ("insert", 50), ("select", "A1"), ("insert", 3),
          ("insert", 200), ("select", "A2"), ("select", "B1"), ("insert", 20), ("cancel", None),
          ("insert", 200), ("select", "A1"), ("select", "Z9")]
for action, arg in script:
    fn = getattr(vm, action)
    print(action, arg, "->", fn(arg) if arg is not None else fn(), "|", vm.state)
print(vm.sales, vm.stock, sum(c * n for c, n in vm.bank.items()))
