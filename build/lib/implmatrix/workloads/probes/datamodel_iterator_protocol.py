# category: datamodel
# feature: iterator protocol (__iter__/__next__), sequence fallback, iter(callable, sentinel)
# since: 2.2 (PEP 234), __next__ name 3.0 (PEP 3114)
"""Custom iterators, the __getitem__ fallback, two-argument iter(), exhaustion, __reversed__."""


class Countdown(object):
    def __init__(self, n):
        self.n = n

    def __iter__(self):
        return self

    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1


print(list(Countdown(3)))
it = iter(Countdown(2))
print(next(it))
print(next(it))
print(next(it, "done"))


class Seq(object):
    def __getitem__(self, i):
        if i >= 3:
            raise IndexError(i)
        return i * i


print(list(Seq()))
print(4 in Seq())
vals = [1, 2, 3, 0, 5]
try:
    print(list(iter(lambda: vals.pop(0), 0)))
except TypeError:
    print("TypeError: iter(callable, sentinel)")
it = iter([1, 2])
print("%r %r" % (list(it), list(it)))


class Rev(object):
    def __iter__(self):
        for x in "abc":
            yield x

    def __reversed__(self):
        return iter("CBA")


print(list(Rev()))
print(list(reversed(Rev())))
try:
    iter(5)
except TypeError:
    print("TypeError: int not iterable")
