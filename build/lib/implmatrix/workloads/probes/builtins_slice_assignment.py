# category: builtins
# feature: slice assignment and deletion on lists and bytearrays
# since: 2.3 (extended slice assignment)
"""Replacing slices with different lengths, extended-slice size rules, insertion via empty slices."""


def step(label, fn):
    try:
        fn()
        print(label + " -> " + repr(a))
    except Exception as e:
        print(label + " -> !" + type(e).__name__)


def setitem(key, value):
    a[key] = value


def delitem(key):
    del a[key]


a = list(range(8))
step("a[2:4] = xyz", lambda: setitem(slice(2, 4), ["x", "y", "z"]))
step("a[::2] = zeros", lambda: setitem(slice(None, None, 2), [0] * len(a[::2])))
step("a[::2] = [1]", lambda: setitem(slice(None, None, 2), [1]))
step("del a[1::2]", lambda: delitem(slice(1, None, 2)))
a = list(range(6))
step("a[:0] = [-1]", lambda: setitem(slice(None, 0), [-1]))
step("a[len:] = [99]", lambda: setitem(slice(len(a), None), [99]))
step("a[1:1] = 'ab'", lambda: setitem(slice(1, 1), "ab"))
step("a[::-1] = range", lambda: setitem(slice(None, None, -1), list(range(len(a)))))
step("a[2:5] = []", lambda: setitem(slice(2, 5), []))
step("a[3:1] = [ins]", lambda: setitem(slice(3, 1), ["ins"]))
step("a[0:1] = 5", lambda: setitem(slice(0, 1), 5))
step("a[1:4] = iter", lambda: setitem(slice(1, 4), iter([7])))
step("a[:] = a", lambda: setitem(slice(None), a))
a[1:3] = [1, 2]
print(repr(a))
b = bytearray(b"hello")
b[1:3] = b"EYY"
print(repr(b))
try:
    del b[::2]
    print(repr(b))
except Exception as e:
    print("del b[::2] -> !" + type(e).__name__)
del a[:]
print(a)
