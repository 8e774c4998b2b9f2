# category: stdlib
# feature: functools.singledispatch generic functions
# since: 3.4 (PEP 443), 3.7 (annotation registration)
import functools


@functools.singledispatch
def describe(x):
    return "object"


@describe.register(int)
def _(x):
    return "int %d" % x


@describe.register(list)
def _(x):
    return "list of %d" % len(x)


@describe.register
def _(x: str):
    return "str " + x


class MyInt(int):
    pass


print(describe(1.5))
print(describe(3))
print(describe([1, 2]))
print(describe("hi"))
print(describe(True))
print(describe(MyInt(7)))
print("registry has int: %s" % (int in describe.registry))
print("dispatch(bool)=%s" % describe.dispatch(bool).__name__)
