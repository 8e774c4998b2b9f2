# category: concurrency
# feature: asyncio.create_task scheduling order with sleep(0) interleaving, cancel
# since: 3.7 (create_task), 3.4 (PEP 3156)
import asyncio

log = []


async def worker(name, steps):
    for i in range(steps):
        log.append("%s%d" % (name, i))
        await asyncio.sleep(0)
    return name


async def sleeper():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        log.append("cancelled")
        raise


async def main():
    t1 = asyncio.create_task(worker("a", 3))
    t2 = asyncio.create_task(worker("b", 2))
    log.append("created")
    await asyncio.sleep(0)
    log.append("main resumed")
    r1 = await t1
    r2 = await t2
    print("interleaving=%s" % log)
    print("results=%s %s done=%s" % (r1, r2, t1.done()))
    del log[:]
    s = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    s.cancel()
    try:
        await s
    except asyncio.CancelledError:
        log.append("awaiter saw CancelledError")
    try:
        print("cancel=%s cancelled()=%s" % (log, s.cancelled()))
    except AttributeError:
        print("cancel=%s cancelled(): AttributeError" % log)


asyncio.run(main())
