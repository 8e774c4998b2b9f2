# category: datamodel
# feature: binary operator overloading with reflected operands and NotImplemented
# since: 2.0
"""__add__/__radd__/__mul__/__rmul__, NotImplemented fallback, subclass reflected priority."""
log = []


class V(object):
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "%s(%r, %r)" % (type(self).__name__, self.x, self.y)

    def __add__(self, o):
        log.append("%s.__add__" % type(self).__name__)
        if isinstance(o, V):
            return V(self.x + o.x, self.y + o.y)
        if isinstance(o, (int, float)):
            return V(self.x + o, self.y + o)
        return NotImplemented

    def __radd__(self, o):
        log.append("%s.__radd__" % type(self).__name__)
        return self.__add__(o)

    def __mul__(self, k):
        if isinstance(k, (int, float)):
            return V(self.x * k, self.y * k)
        return NotImplemented

    __rmul__ = __mul__

    def __neg__(self):
        return V(-self.x, -self.y)

    def __lt__(self, o):
        log.append("V.__lt__")
        return (self.x, self.y) < (o.x, o.y)


class W(V):
    def __radd__(self, o):
        log.append("W.__radd__")
        return "W wins"


print(V(1, 2) + V(3, 4))
print(V(1, 2) + 1)
print(1 + V(1, 2))
print(3 * V(1, 2))
print(V(1, 2) * 3)
print(-V(1, 2))
print(sum([V(1, 1), V(2, 2)]))
try:
    V(1, 2) + "s"
except TypeError:
    print("TypeError: V + str")
print(V(1, 1) + W(2, 2))
try:
    print(V(1, 2) > V(0, 0))
except TypeError:
    print("TypeError: reflected __lt__ not used")
print(log)
