class A(B, metaclass=M):
    d:  [i for i in r(self,) if i]
    @property
    def g(self): yield from s*af.f()
