# category: syntax
# feature: decorators that are arbitrary expressions (subscripts, calls, lambdas)
# since: 3.9 (PEP 614)
"""@ followed by any expression: subscription, lambda, conditional, walrus, call chains."""
decos = [lambda f: (lambda: "first(" + f() + ")"), lambda f: (lambda: "second(" + f() + ")")]
table = {"up": lambda f: (lambda: f().upper())}


@decos[0]
def a():
    return "a"


@table["up"]
def b():
    return "b"


@(lambda f: (lambda: f() * 2))
def c():
    return "c"


@decos[1] if len(decos) > 5 else decos[0]
def d():
    return "d"


def factory():
    return {"wrap": lambda f: (lambda: "[" + f() + "]")}


@factory()["wrap"]
def e():
    return "e"


@(kept := decos[1])
def f():
    return "f"


print(a())
print(b())
print(c())
print(d())
print(e())
print(f())
print(kept is decos[1])
