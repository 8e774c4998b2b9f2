# category: datamodel
# feature: membership test protocol: __contains__, iteration and __getitem__ fallbacks
# since: 2.0 (__contains__), 2.2 (iterator fallback)
"""'in' uses __contains__, else __iter__, else __getitem__; the result is coerced to bool."""
log = []


class Evens(object):
    def __contains__(self, x):
        log.append(x)
        return x % 2 == 0


class Truthy(object):
    def __contains__(self, x):
        return "yes"


class IterOnly(object):
    def __iter__(self):
        for i in (1, 2, 3):
            log.append("iter %d" % i)
            yield i


class GetItemOnly(object):
    def __getitem__(self, i):
        if i > 4:
            raise IndexError
        return i * 10


class NotContainer(object):
    pass


print("%r %r %r" % (4 in Evens(), 3 in Evens(), 3 not in Evens()))
print(repr(1 in Truthy()))
print(2 in IterOnly())
print(log)
print("%r %r" % (30 in GetItemOnly(), 35 in GetItemOnly()))
it = iter([1, 2, 3, 4])
print(2 in it)
print(list(it))
try:
    1 in NotContainer()
except TypeError:
    print("TypeError: not a container")
print("%r %r %r" % ("" in "abc", "bc" in "abc", "k" in {"k": 1}))
print(1 in {1: "a"}.values())
