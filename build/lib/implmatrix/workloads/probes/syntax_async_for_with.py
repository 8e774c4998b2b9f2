# category: syntax
# feature: async with / async for over custom asynchronous protocols
# since: 3.5 (PEP 492)
"""__aenter__/__aexit__ and __aiter__/__anext__ driven by coroutine.send(None), no event loop."""
log = []


class Tick:
    def __await__(self):
        yield "tick"


class Resource:
    def __init__(self, name):
        self.name = name

    async def __aenter__(self):
        log.append("enter " + self.name)
        await Tick()
        return self.name.upper()

    async def __aexit__(self, et, ev, tb):
        log.append("exit %s %s" % (self.name, et.__name__ if et else None))
        return et is KeyError


class Countdown:
    def __init__(self, n):
        self.n = n

    def __aiter__(self):
        return self

    async def __anext__(self):
        await Tick()
        if self.n == 0:
            raise StopAsyncIteration
        self.n -= 1
        return self.n + 1


async def main():
    async with Resource("db") as r:
        log.append("body " + r)
    async with Resource("a") as a, Resource("b") as b:
        log.append("both " + a + b)
    async with Resource("suppress"):
        raise KeyError("k")
    got = []
    async for i in Countdown(3):
        got.append(i)
    else:
        got.append("else")
    return got


def run(coro):
    ticks = 0
    try:
        while True:
            coro.send(None)
            ticks += 1
    except StopIteration as e:
        return ticks, e.value


ticks, value = run(main())
print("ticks %d" % ticks)
print(value)
for line in log:
    print(line)
