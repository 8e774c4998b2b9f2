# category: syntax
# feature: async def / await driven manually with coroutine.send(None)
# since: 3.5 (PEP 492)
"""Drive native coroutines without asyncio: a custom awaitable yields values out via send()."""


class Suspend:
    def __init__(self, v):
        self.v = v

    def __await__(self):
        got = yield self.v
        return got


async def inner(x):
    a = await Suspend(x)
    b = await Suspend(x + 1)
    return a + b


async def outer():
    r1 = await inner(10)
    r2 = await inner(100)
    return [r1, r2]


coro = outer()
print(type(coro).__name__)
log = []
try:
    v = coro.send(None)
    while True:
        log.append(v)
        v = coro.send(v * 2)
except StopIteration as e:
    print("result %r" % (e.value,))
print(log)


async def plain():
    return "no awaits"


c2 = plain()
try:
    c2.send(None)
except StopIteration as e:
    print("plain result %r" % (e.value,))

c3 = outer()
print(c3.send(None))
c3.close()
try:
    c3.send(None)
except Exception as e:
    print("after close: " + type(e).__name__)


async def thrower():
    try:
        await Suspend("waiting")
    except ValueError as e:
        return "caught " + str(e)


c4 = thrower()
print(c4.send(None))
try:
    c4.throw(ValueError("boom"))
except StopIteration as e:
    print(e.value)
