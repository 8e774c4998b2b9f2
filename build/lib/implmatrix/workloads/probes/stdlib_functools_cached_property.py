# category: stdlib
# feature: functools.cached_property
# since: 3.8
import functools


class Circle(object):
    computed = 0

    def __init__(self, r):
        self.r = r

    @functools.cached_property
    def area(self):
        Circle.computed += 1
        return 3 * self.r * self.r


c = Circle(2)
print("area=%d" % c.area)
print("area again=%d computed=%d" % (c.area, Circle.computed))
print("in __dict__=%s" % ("area" in c.__dict__))
del c.area
print("after del area=%d computed=%d" % (c.area, Circle.computed))
c.area = 5
print("assigned=%d" % c.area)
print("class attr type=%s" % type(Circle.__dict__["area"]).__name__)
