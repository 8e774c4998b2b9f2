# category: syntax
# feature: asynchronous generators and asynchronous comprehensions
# since: 3.6 (PEP 525, PEP 530)
"""async def with yield, async for in comprehensions, await in comprehensions; driven by send(None)."""


class Tick:
    def __await__(self):
        yield "tick"


async def agen(n):
    for i in range(n):
        await Tick()
        yield i * 10


async def double(x):
    await Tick()
    return x * 2


async def main():
    a = [v async for v in agen(4)]
    b = {v: v // 10 async for v in agen(3) if v}
    c = [await double(x) for x in range(3)]
    g = agen(2)
    first = await g.__anext__()
    second = await g.__anext__()
    try:
        await g.__anext__()
        end = "no stop"
    except StopAsyncIteration:
        end = "StopAsyncIteration"
    return a, sorted(b.items()), c, first, second, end


def run(coro):
    ticks = 0
    try:
        while True:
            coro.send(None)
            ticks += 1
    except StopIteration as e:
        return ticks, e.value


print(type(agen(1)).__name__)
ticks, value = run(main())
print("ticks %d" % ticks)
for part in value:
    print(repr(part))
