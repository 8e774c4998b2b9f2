# category: concurrency
# feature: asyncio.run and asyncio.gather result ordering and exceptions
# since: 3.7 (asyncio.run), 3.4 (asyncio, PEP 3156)
import asyncio


async def delayed(value, ticks):
    for _ in range(ticks):
        await asyncio.sleep(0)
    return value


async def boom():
    await asyncio.sleep(0)
    raise ValueError("boom")


async def main():
    res = await asyncio.gather(delayed("slow", 5), delayed("fast", 0), delayed("mid", 2))
    print("gather order=%s" % list(res))
    res2 = await asyncio.gather(delayed(1, 1), boom(), return_exceptions=True)
    print("return_exceptions=%s" % [type(r).__name__ for r in res2])
    try:
        await asyncio.gather(boom(), delayed(2, 1))
    except ValueError as e:
        print("gather raised ValueError: %s" % e)
    r = await asyncio.wait_for(delayed("in time", 1), 5)
    print("wait_for=%s" % r)
    try:
        await asyncio.wait_for(asyncio.sleep(10), 0.01)
    except asyncio.TimeoutError:
        print("wait_for timeout: TimeoutError")
    except Exception as e:
        print("wait_for timeout: unexpected " + type(e).__name__)
    return "main done"


print(asyncio.run(main()))
