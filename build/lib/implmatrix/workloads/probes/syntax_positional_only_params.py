# category: syntax
# feature: positional-only parameters before /
# since: 3.8 (PEP 570)
"""Parameters before / cannot be passed by keyword; their names may reappear in **kwargs."""


def f(a, b, /, c, *, d):
    return (a, b, c, d)


print(f(1, 2, 3, d=4))
print(f(1, 2, c=3, d=4))
try:
    f(a=1, b=2, c=3, d=4)
except TypeError:
    print("TypeError: positional-only passed by keyword")


def g(name, /, **kw):
    return name, sorted(kw.items())


print(g("x", name="y"))


def h(a, b=2, /):
    return a + b


print(h(1))
print(h(1, 10))
try:
    h(1, b=3)
except TypeError:
    print("TypeError: b is positional-only")
lam = lambda x, /, y=1: x + y
print(lam(5, y=2))
try:
    print(f.__code__.co_posonlyargcount)
except AttributeError:
    print("no __code__")
