# category: concurrency
# feature: asyncio.Queue producer/consumer with join and task_done
# since: 3.4 (PEP 3156)
import asyncio


async def producer(q, n):
    for i in range(n):
        await q.put(i)
    await q.put(None)


async def consumer(q, out):
    while True:
        item = await q.get()
        q.task_done()
        if item is None:
            break
        out.append(item * 10)


async def main():
    q = asyncio.Queue(maxsize=2)
    out = []
    await asyncio.gather(producer(q, 6), consumer(q, out))
    await q.join()
    print("consumed=%s" % out)
    print("empty=%s qsize=%d maxsize=%d" % (q.empty(), q.qsize(), q.maxsize))
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("get_nowait: QueueEmpty")
    pq = asyncio.PriorityQueue()
    for x in [5, 1, 3]:
        pq.put_nowait(x)
    print("priority=%s" % [pq.get_nowait() for _ in range(3)])


asyncio.run(main())
