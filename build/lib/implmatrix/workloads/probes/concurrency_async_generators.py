# category: concurrency
# feature: asynchronous generators, async for and aclose
# since: 3.6 (PEP 525, PEP 530)
import asyncio

log = []


async def ticker(n):
    try:
        for i in range(n):
            await asyncio.sleep(0)
            yield i
    finally:
        log.append("finally ran")


async def main():
    got = []
    async for v in ticker(4):
        got.append(v)
    print("async for=%s" % got)
    print("async comprehension=%s" % [v * 2 async for v in ticker(3)])
    g = ticker(10)
    first = await g.__anext__()
    await g.aclose()
    print("first=%d after aclose log=%s" % (first, log))
    try:
        await g.__anext__()
    except StopAsyncIteration:
        print("exhausted: StopAsyncIteration")
    try:
        print("anext builtin=%s" % (await anext(ticker(2))))
    except NameError:
        print("anext builtin: NameError")
    print("type=%s" % type(ticker(1)).__name__)


asyncio.run(main())
