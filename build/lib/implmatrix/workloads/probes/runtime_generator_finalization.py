# category: runtime
# feature: generator close(), GeneratorExit, finally on abandon, return value
# since: 2.5 (PEP 342), 3.3 (PEP 380 return value)
import gc

log = []


def gen():
    try:
        yield 1
        yield 2
    except GeneratorExit:
        log.append("GeneratorExit")
        raise
    finally:
        log.append("finally")


g = gen()
print("first=%d" % next(g))
g.close()
print("after close: %s" % log)
try:
    next(g)
except StopIteration:
    print("next after close: StopIteration")

del log[:]
g2 = gen()
next(g2)
del g2
log.append("after del")
print("abandoned: %s" % log)
gc.collect()
print("after collect: %s" % log)


def swallow():
    try:
        yield 1
    except GeneratorExit:
        yield 2


s = swallow()
next(s)
try:
    s.close()
    print("close ignored yield: no error")
except RuntimeError:
    print("yield in GeneratorExit: RuntimeError")
try:
    print("gi_frame None after close: %s" % (g.gi_frame is None))
except AttributeError:
    print("gi_frame: AttributeError")
