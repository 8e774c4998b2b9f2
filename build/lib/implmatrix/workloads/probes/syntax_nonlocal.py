# category: syntax
# feature: nonlocal statement rebinding enclosing function variables
# since: 3.0 (PEP 3104)
"""nonlocal rebinds the nearest enclosing function scope; global and nonlocal are distinct."""


def counter():
    n = 0

    def inc(step=1):
        nonlocal n
        n += step
        return n
    return inc


c = counter()
print([c(), c(), c(5)])
c2 = counter()
print([c2(), c()])


def outer():
    x = "outer"

    def mid():
        def inner():
            nonlocal x
            x = "changed by inner"
        inner()
    mid()
    return x


print(outer())

x = "global"


def shadow():
    x = "enclosing"

    def setg():
        global x
        x = "global changed"

    def setn():
        nonlocal x
        x = "enclosing changed"
    setg()
    setn()
    return x


print(shadow())
print(x)


def make_pair():
    value = []

    def get():
        return value

    def put(v):
        nonlocal value
        value = value + [v]
    return get, put


get, put = make_pair()
put(1)
put(2)
print(get())
