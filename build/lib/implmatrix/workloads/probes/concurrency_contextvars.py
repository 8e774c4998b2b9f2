# category: concurrency
# feature: contextvars ContextVar isolation across asyncio tasks and copy_context
# since: 3.7 (PEP 567)
import asyncio
import contextvars

request_id = contextvars.ContextVar("request_id", default="none")


async def handle(n):
    request_id.set("req-%d" % n)
    await asyncio.sleep(0)
    return "%d:%s" % (n, request_id.get())


async def main():
    res = await asyncio.gather(*[handle(i) for i in range(3)])
    print("per-task values=%s" % list(res))
    print("main after tasks=%s" % request_id.get())


asyncio.run(main())
tok = request_id.set("outer")
ctx = contextvars.copy_context()


def inside():
    request_id.set("changed in ctx")
    return request_id.get()


print("ctx.run=%s" % ctx.run(inside))
print("outside after run=%s" % request_id.get())
print("ctx sees=%s" % ctx[request_id])
request_id.reset(tok)
print("after reset=%s" % request_id.get())
print("name=%s" % request_id.name)
try:
    contextvars.ContextVar("nodefault").get()
except LookupError:
    print("get without default: LookupError")
