# category: exceptions
# feature: with statement suppressing exceptions via a truthy __exit__ return
# since: 2.5 (PEP 343)
"""__exit__ returning true swallows the exception; errors in __exit__ replace it."""


class Suppress(object):
    def __init__(self, *types):
        self.types = types
        self.seen = None

    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        if et is not None:
            self.seen = "%s %r" % (et.__name__, ev.args)
        return et is not None and issubclass(et, self.types)


with Suppress(KeyError) as s:
    {}["x"]
    print("not reached")
print("after with: " + s.seen)
try:
    with Suppress(KeyError):
        raise ValueError("v")
except ValueError:
    print("ValueError propagated")


class TruthyInt(object):
    def __enter__(self):
        return self

    def __exit__(self, *a):
        return 1


with TruthyInt():
    raise RuntimeError("gone")
print("suppressed by truthy int")


class Faulty(object):
    def __enter__(self):
        return self

    def __exit__(self, et, ev, tb):
        raise IndexError("from __exit__")


try:
    with Faulty():
        raise KeyError("original")
except IndexError as e:
    print("replaced by " + type(e).__name__)
    print("context " + type(getattr(e, "__context__", "missing")).__name__)


def gen():
    for i in range(3):
        with Suppress(ZeroDivisionError):
            yield 10 // (1 - i)


print(list(gen()))
