# category: runtime
# feature: __del__ finalizer timing (immediate under refcounting) and cycles
# since: 1.0 (__del__), 3.4 (PEP 442 finalizers on cycles)
import gc

log = []


class Tracked(object):
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append("del " + self.name)


o = Tracked("a")
del o
log.append("next statement")
print("after del: %s" % log)
gc.collect()
print("after gc.collect: %s" % log)

del log[:]


def scope():
    Tracked("local")
    log.append("still in function")


scope()
log.append("returned")
print("temporary: %s" % log)

del log[:]
x = Tracked("x")
y = Tracked("y")
x.other = y
y.other = x
del x, y
log.append("cycle deleted")
print("cycle before collect: %s" % log)
gc.collect()
gc.collect()
print("cycle after collect: %s" % sorted(log))

del log[:]
o = Tracked("rebind")
o = None
print("rebinding to None: %s" % log)
