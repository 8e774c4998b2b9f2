# category: syntax
# feature: function and class annotations stored in __annotations__
# since: 3.0 (PEP 3107), variable annotations 3.6 (PEP 526)
"""Contents of __annotations__ for functions and classes; annotated-only names are not bound."""


def fmt(v):
    if isinstance(v, type):
        return v.__name__
    return repr(v)


def f(a: int, b: "str" = "x", *args: float, c: list = None, **kw: dict) -> bool:
    return True


print(sorted((k, fmt(v)) for k, v in f.__annotations__.items()))
print(sorted(f.__annotations__))


def g(x, y):
    pass


print(g.__annotations__)


class C:
    x: int
    y: str = "s"
    z: "list[int]" = []


print(sorted((k, fmt(v)) for k, v in C.__annotations__.items()))
print("x bound: %r, y bound: %r" % (hasattr(C, "x"), hasattr(C, "y")))


def local_annotations():
    v: int = 5
    w: str
    return v


print(local_annotations())
print(sorted(local_annotations.__annotations__))
