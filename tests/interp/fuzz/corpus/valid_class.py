class A(B, metaclass=M):
    def f(self, *, a=1, **k): return [i for i in range(3) if i]
    @property
    def g(self): yield from self.f()
