# category: syntax
# feature: yield from delegation to subgenerators (send, throw, return value)
# since: 3.3 (PEP 380)
"""yield from forwards next/send/throw to the subgenerator and evaluates to its return value."""


def sub():
    x = yield 1
    y = yield x * 10
    return "sub-done:%r" % (y,)


def deleg():
    r = yield from sub()
    yield "got " + r


g = deleg()
print(next(g))
print(g.send(2))
print(g.send(3))
try:
    next(g)
except StopIteration:
    print("stop")


def flat(xs):
    for x in xs:
        if isinstance(x, list):
            yield from flat(x)
        else:
            yield x


print(list(flat([1, [2, [3, 4]], 5, []])))


def sub2():
    try:
        yield 1
    except ValueError as e:
        yield "caught " + str(e)


def d2():
    yield from sub2()


g = d2()
next(g)
print(g.throw(ValueError("boom")))


def gen_range():
    yield from range(3)
    yield from "ab"
    return "end"


print(list(gen_range()))
gr = gen_range()
for _ in range(5):
    next(gr)
try:
    next(gr)
except StopIteration as e:
    print(repr(e.value))
