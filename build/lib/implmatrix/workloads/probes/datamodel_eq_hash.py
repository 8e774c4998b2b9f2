# category: datamodel
# feature: __eq__/__hash__ interplay, __ne__ derived from __eq__, NotImplemented
# since: 3.0
"""Defining __eq__ alone makes a class unhashable; __ne__ inverts __eq__ automatically."""


class OnlyEq(object):
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return isinstance(o, OnlyEq) and self.v == o.v


class EqHash(OnlyEq):
    def __hash__(self):
        return hash(self.v)


class SubEq(EqHash):
    def __eq__(self, o):
        return True


class Plain(object):
    pass


class Deferring(object):
    def __eq__(self, o):
        return NotImplemented


print(getattr(OnlyEq, "__hash__", "missing") is None)
try:
    hash(OnlyEq(1))
    print("OnlyEq hashable")
except TypeError:
    print("TypeError: unhashable OnlyEq")
print(OnlyEq(1) == OnlyEq(1))
print(OnlyEq(1) != OnlyEq(1))
print(len(set([EqHash(1), EqHash(1), EqHash(2)])))
print(getattr(SubEq, "__hash__", "missing") is None)
p = Plain()
print("%r %r" % (p == p, Plain() == Plain()))
d = Deferring()
print("%r %r" % (d == d, d == Deferring()))
print(hash(1) == hash(1.0) == hash(True))
print(repr({1: "a", 1.0: "b", True: "c"}))
print((1, 2) == [1, 2])
