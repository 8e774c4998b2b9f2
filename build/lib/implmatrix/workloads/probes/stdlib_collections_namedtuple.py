# category: stdlib
# feature: collections.namedtuple fields, _replace and _asdict
# since: 2.6
from collections import namedtuple

Point = namedtuple("Point", ["x", "y"])
p = Point(3, y=4)
print(repr(p))
print("x=%d y=%d sum=%d" % (p.x, p.y, p[0] + p[1]))
print("is tuple: %s, len %d" % (isinstance(p, tuple), len(p)))
try:
    print("fields=%s" % list(Point._fields))
except Exception as e:
    print("_fields: " + type(e).__name__)
try:
    print("replace=%s" % repr(p._replace(x=10)))
except Exception as e:
    print("_replace: " + type(e).__name__)
try:
    print("asdict=%s" % sorted(p._asdict().items()))
except Exception as e:
    print("_asdict: " + type(e).__name__)
try:
    P3 = namedtuple("P3", "a b c", defaults=[0])
    print("defaults=%s" % repr(P3(1, 2)))
except Exception as e:
    print("defaults: " + type(e).__name__)
x, y = p
print("unpack=%d,%d" % (x, y))
try:
    p.x = 5
    print("assign allowed")
except AttributeError as e:
    print("assign: AttributeError")
