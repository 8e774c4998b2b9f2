# category: stdlib
# feature: collections OrderedDict and defaultdict
# since: 2.7 (OrderedDict PEP 372), 2.5 (defaultdict)
from collections import OrderedDict, defaultdict

od = OrderedDict()
for k in ["zeta", "alpha", "mid"]:
    od[k] = len(k)
print("order=%s" % list(od.keys()))
od["alpha"] = 99
print("after update=%s" % list(od.items()))
del od["zeta"]
od["zeta"] = 0
print("after reinsert=%s" % list(od.keys()))
try:
    od.move_to_end("alpha")
    print("move_to_end=%s" % list(od.keys()))
except Exception as e:
    print("move_to_end: " + type(e).__name__)
try:
    print("popitem(last=False)=%s" % list(od.popitem(last=False)))
except Exception as e:
    print("popitem: " + type(e).__name__)

dd = defaultdict(list)
for word in ["apple", "avocado", "banana", "cherry", "blueberry"]:
    dd[word[0]].append(word)
print("defaultdict=%s" % sorted(dd.items()))
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print("counts=%s" % sorted(counts.items()))
v = counts["z"]
print("missing key read gives %d and creates entry: %s" % (v, "z" in counts))
