# category: runtime
# feature: weakref callbacks, WeakValueDictionary and finalize after del + gc.collect
# since: 2.1 (PEP 205), 3.4 (weakref.finalize)
import gc
import weakref


class Node(object):
    pass


events = []
n = Node()
r = weakref.ref(n, lambda ref: events.append("callback, ref() is None: %s" % (ref() is None)))
print("alive: %s" % (r() is n))
del n
print("right after del: dead=%s events=%s" % (r() is None, events))
gc.collect()
print("after gc.collect: dead=%s events=%s" % (r() is None, events))

d = weakref.WeakValueDictionary()
k = Node()
d["k"] = k
print("wvd before=%s" % sorted(d.keys()))
del k
gc.collect()
print("wvd after=%s" % sorted(d.keys()))

m = Node()
try:
    fin = weakref.finalize(m, events.append, "finalize ran")
    del m
    gc.collect()
    print("finalize alive=%s last event=%s" % (fin.alive, events[-1]))
except AttributeError:
    print("weakref.finalize: AttributeError")
try:
    weakref.ref(5)
except TypeError:
    print("weakref to int: TypeError")
print("proxy attr: %s" % weakref.proxy(gc).__name__)
