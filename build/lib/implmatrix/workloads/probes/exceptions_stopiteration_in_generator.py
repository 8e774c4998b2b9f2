# category: exceptions
# feature: StopIteration raised inside a generator becomes RuntimeError
# since: 3.7 (PEP 479)
"""A StopIteration escaping a generator body (or generator expression) becomes RuntimeError."""


def gen():
    yield 1
    raise StopIteration("leak")


try:
    print(list(gen()))
except RuntimeError as e:
    print("RuntimeError: " + str(e))
    print(type(getattr(e, "__cause__", "missing")).__name__)


def gen2():
    yield 1
    next(iter([]))


try:
    print(list(gen2()))
except RuntimeError:
    print("RuntimeError from next() inside generator")


try:
    print(list(next(iter([])) for _ in range(2)))
except RuntimeError:
    print("RuntimeError in generator expression")


class It(object):
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration("ok in plain iterator")

    next = __next__


print(list(It()))
