# category: datamodel
# feature: class decorators
# since: 2.6 (PEP 3129)
"""Decorators applied to classes: registration, adding methods, replacing the class object."""
registry = {}
order = []


def register(cls):
    order.append("register")
    registry[cls.__name__] = cls
    return cls


def add_repr(cls):
    order.append("add_repr")

    def __repr__(self):
        parts = ["%s=%r" % (k, getattr(self, k)) for k in cls.fields]
        return "%s(%s)" % (cls.__name__, ", ".join(parts))
    cls.__repr__ = __repr__
    return cls


def with_fields(*names):
    def deco(cls):
        order.append("with_fields")
        cls.fields = names
        return cls
    return deco


@register
@add_repr
@with_fields("a", "b")
class P(object):
    def __init__(self, a, b):
        self.a = a
        self.b = b


print(repr(P(1, "x")))
print(sorted(registry))
print(order)


def singleton(cls):
    return cls()


@singleton
class Conf(object):
    value = 3


print("%s %d" % (type(Conf).__name__, Conf.value))
