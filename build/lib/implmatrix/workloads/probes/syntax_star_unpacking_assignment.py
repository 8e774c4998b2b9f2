# category: syntax
# feature: extended iterable unpacking in assignment targets (a, *b = ...)
# since: 3.0 (PEP 3132)
"""Starred targets in assignments and for loops; the starred name always gets a list."""
a, *b = [1, 2, 3, 4]
print("%r %r" % (a, b))
*c, d = "hello"
print("%r %r" % (c, d))
e, *f, g = range(5)
print("%r %r %r" % (e, f, g))
h, *i = (1,)
print("%r %r" % (h, i))
[j, *k], l = [1, 2, 3], 4
print("%r %r %r" % (j, k, l))
for m, *n in [(1, 2, 3), (4,), "xy"]:
    print("%r %r" % (m, n))
*star, = {"only": 1}
print(star)
try:
    x, *y, z = [1]
except ValueError as err:
    print("ValueError")
first, *_, last = iter(range(10))
print("%r %r %r" % (first, _, last))
