# category: datamodel
# feature: C3 method resolution order for multiple inheritance
# since: 2.3 (C3 linearization)
"""The MRO of a complex hierarchy, observed via __mro__ and via cooperative super() calls."""


class O(object):
    def chain(self):
        return ["O"]


def make(name, bases):
    def chain(self):
        return [name] + super(cls, self).chain()
    cls = type(name, bases, {"chain": chain})
    return cls


A = make("A", (O,))
B = make("B", (O,))
C = make("C", (O,))
D = make("D", (O,))
E = make("E", (O,))
K1 = make("K1", (A, B, C))
K2 = make("K2", (D, B, E))
K3 = make("K3", (D, A))
Z = make("Z", (K1, K2, K3))
print(Z().chain())
try:
    print([c.__name__ for c in Z.__mro__])
except AttributeError:
    print("no __mro__")


class Base(object):
    def who(self):
        return "Base"


class Left(Base):
    def who(self):
        return "Left"


class Right(Base):
    def who(self):
        return "Right"


class Bottom(Left, Right):
    pass


class Bottom2(Right, Left):
    pass


print(Bottom().who())
print(Bottom2().who())


class L2(Base):
    pass


class Diamond(L2, Right):
    pass


print(Diamond().who())
try:
    class Bad(O, A):
        pass
    print("inconsistent MRO accepted")
except TypeError:
    print("TypeError: inconsistent MRO")
