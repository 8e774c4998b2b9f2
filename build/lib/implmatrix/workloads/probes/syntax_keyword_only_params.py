# category: syntax
# feature: keyword-only parameters after * or *args
# since: 3.0 (PEP 3102)
"""Parameters after a bare * (or *args) can only be passed by keyword."""


def f(a, *, b, c=3):
    return (a, b, c)


print(f(1, b=2))
print(f(1, c=5, b=2))
try:
    f(1, 2)
except TypeError:
    print("TypeError: positional for keyword-only")
try:
    f(1)
except TypeError:
    print("TypeError: missing keyword-only")


def g(*args, key=None, **kw):
    return args, key, sorted(kw.items())


print(g(1, 2, key="k", other=3))
print(g(key=0))
try:
    print(f.__kwdefaults__)
except AttributeError:
    print("no __kwdefaults__")
try:
    print(f.__code__.co_kwonlyargcount)
except AttributeError:
    print("no __code__")
