# category: runtime
# feature: gc module: collect return value, isenabled, disable/enable, thresholds
# since: 2.0
import gc

print("isenabled=%s" % gc.isenabled())
r = gc.collect()
print("collect() returns %s" % type(r).__name__)


class Cyc(object):
    pass


for _ in range(10):
    a = Cyc()
    a.me = a
del a
n = gc.collect()
print("collected cycles found something: %s" % (n is not None and n >= 10))
try:
    gc.disable()
    print("after disable isenabled=%s" % gc.isenabled())
except Exception as e:
    print("disable: " + type(e).__name__)
gc.enable()
print("after enable isenabled=%s" % gc.isenabled())
for name in ["get_threshold", "get_count", "get_objects", "is_tracked", "freeze", "get_stats", "callbacks", "garbage", "mem_free", "mem_alloc"]:
    print("gc.%s present: %s" % (name, hasattr(gc, name)))
try:
    print("threshold length=%d" % len(gc.get_threshold()))
except Exception as e:
    print("get_threshold: " + type(e).__name__)
try:
    print("is_tracked int=%s list=%s" % (gc.is_tracked(1), gc.is_tracked([])))
except Exception as e:
    print("is_tracked: " + type(e).__name__)
