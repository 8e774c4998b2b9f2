# category: datamodel
# feature: __class_getitem__ and generic aliases of built-in types
# since: 3.7 (PEP 560), 3.9 (PEP 585)
"""Cls[item] calls the implicit classmethod __class_getitem__; list[int] is a GenericAlias."""


def name(x):
    return getattr(x, "__name__", repr(x))


class Box(object):
    def __class_getitem__(cls, item):
        if isinstance(item, tuple):
            return "%s[%s]" % (cls.__name__, ", ".join(name(i) for i in item))
        return "%s[%s]" % (cls.__name__, name(item))


class Sub(Box):
    pass


print(Box[int])
print(Box["x"])
print(Box[int, str])
print(Sub[float])
print(type(Box.__dict__["__class_getitem__"]).__name__)
try:
    Box()[0]
except TypeError:
    print("TypeError: instance not subscriptable")


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


show("list[int]", lambda: str(list[int]))
show("type", lambda: type(list[int]).__name__)
show("dict[str, int]", lambda: str(dict[str, int]))
show("call alias", lambda: list[int]([1, 2]))
show("origin args", lambda: (list[int].__origin__ is list, list[int].__args__ == (int,)))
show("tuple[int, ...]", lambda: str(tuple[int, ...]))
