# category: datamodel
# feature: __slots__ restricts instance attributes and removes __dict__
# since: 2.2
"""Slotted instances reject new attributes; subclasses without __slots__ regain a __dict__."""


class P(object):
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


p = P(1, 2)
print("%d %d" % (p.x, p.y))
try:
    p.z = 3
    print("new attribute accepted")
except AttributeError:
    print("AttributeError on new attribute")
print(hasattr(p, "__dict__"))
print(sorted(P.__slots__))
print(type(getattr(P, "x", None)).__name__)
del p.x
try:
    p.x
except AttributeError:
    print("AttributeError after del")


class Q(P):
    pass


q = Q(1, 2)
q.z = 3
print("%d %r" % (q.z, hasattr(q, "__dict__")))


class R(P):
    __slots__ = ("z",)


r = R(1, 2)
r.z = 5
try:
    r.w = 1
    print("w accepted")
except AttributeError:
    print("AttributeError on R.w")


class S(object):
    __slots__ = ("a", "__dict__")


s = S()
s.b = 1
print(sorted(s.__dict__))
try:
    class Bad(object):
        __slots__ = ("a",)
        a = 1
    print("conflict accepted")
except ValueError:
    print("ValueError: slot conflicts with class variable")
