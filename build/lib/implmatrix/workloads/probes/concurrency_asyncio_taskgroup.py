# category: concurrency
# feature: asyncio.TaskGroup structured concurrency and ExceptionGroup
# since: 3.11 (TaskGroup, PEP 654)
import asyncio


async def job(n):
    await asyncio.sleep(0)
    return n * n


async def fail(msg):
    await asyncio.sleep(0)
    raise ValueError(msg)


async def main():
    async with asyncio.TaskGroup() as tg:
        tasks = [tg.create_task(job(i)) for i in range(5)]
    print("results=%s" % [t.result() for t in tasks])
    try:
        async with asyncio.TaskGroup() as tg:
            tg.create_task(fail("x"))
            tg.create_task(fail("y"))
            tg.create_task(asyncio.sleep(10))
    except Exception as eg:
        print("raised %s with %s" % (type(eg).__name__, sorted(str(e) for e in eg.exceptions)))
    try:
        async with asyncio.timeout(0.01):
            await asyncio.sleep(10)
    except TimeoutError:
        print("asyncio.timeout: TimeoutError")


asyncio.run(main())
