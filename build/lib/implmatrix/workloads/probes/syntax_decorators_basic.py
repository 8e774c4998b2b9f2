# category: syntax
# feature: function decorators, stacking order and evaluation order
# since: 2.4 (PEP 318)
"""Decorator factories, stacked decorators (applied bottom-up) and built-in method decorators."""
order = []


def tag(name):
    def deco(fn):
        def wrapper(*a, **k):
            return "<%s>%s</%s>" % (name, fn(*a, **k), name)
        return wrapper
    return deco


def trace(label):
    order.append("make " + label)

    def deco(fn):
        order.append("apply " + label)
        return fn
    return deco


@tag("b")
@tag("i")
def hello(who):
    return "hi " + who


print(hello("bob"))


@trace("outer")
@trace("inner")
def g():
    pass


print(order)


class C(object):
    @staticmethod
    def s():
        return "static"

    @classmethod
    def c(cls):
        return cls.__name__

    @property
    def p(self):
        return "prop"


print("%s %s %s %s" % (C.s(), C.c(), C().c(), C().p))


def counted(fn):
    calls = []

    def wrapper():
        calls.append(1)
        return "%s #%d" % (fn(), len(calls))
    return wrapper


@counted
def ping():
    return "pong"


ping()
print(ping())
