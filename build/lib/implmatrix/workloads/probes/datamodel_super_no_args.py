# category: datamodel
# feature: zero-argument super() and the __class__ cell
# since: 3.0 (PEP 3135)
"""super() without arguments in methods and classmethods, cooperative chains, __class__."""


class A(object):
    def hello(self):
        return "A"

    @classmethod
    def make(cls):
        return "A.make for " + cls.__name__


class B(A):
    def hello(self):
        return "B>" + super().hello()

    @classmethod
    def make(cls):
        return "B>" + super().make()


class C(A):
    def hello(self):
        return "C>" + super().hello()


class D(B, C):
    def hello(self):
        return "D>" + super().hello()


print(D().hello())
print(D.make())
print(super(B, D()).hello())


class E(object):
    def who(self):
        return __class__.__name__


class F(E):
    pass


print(F().who())


class H(dict):
    def __setitem__(self, k, v):
        super().__setitem__(k, v * 2)


h = H()
h["a"] = 3
print(h["a"])
