# category: runtime
# feature: gc.get_referrers / gc.get_referents availability and results
# since: 2.2
import gc

print("get_referrers present: %s" % hasattr(gc, "get_referrers"))
print("get_referents present: %s" % hasattr(gc, "get_referents"))
target = ["payload"]
holder = [target, 1]
other = {"k": target}
try:
    refs = gc.get_referrers(target)
    print("holder list found: %s" % any(r is holder for r in refs))
    print("dict found: %s" % any(r is other for r in refs))
except Exception as e:
    print("get_referrers: " + type(e).__name__)
try:
    ents = gc.get_referents(holder)
    print("referents of holder contain target: %s" % any(e is target for e in ents))
except Exception as e:
    print("get_referents: " + type(e).__name__)
