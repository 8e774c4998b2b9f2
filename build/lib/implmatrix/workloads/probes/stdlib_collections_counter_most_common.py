# category: stdlib
# feature: collections.Counter arithmetic and most_common
# since: 2.7
from collections import Counter

c = Counter("abracadabra")
print("a=%d z=%d" % (c["a"], c["z"]))
print("most_common(1)=%s" % c.most_common(1))
ties = sorted(c.most_common(), key=lambda kv: (-kv[1], kv[0]))
print("all sorted=%s" % ties)
print("insertion-order ties=%s" % c.most_common())
d = Counter("alakazam")
print("add=%s" % sorted((c + d).items()))
print("sub=%s" % sorted((c - d).items()))
print("and=%s" % sorted((c & d).items()))
print("or=%s" % sorted((c | d).items()))
c.update(["a", "z", "z"])
print("after update=%s" % sorted(c.items()))
print("elements=%s" % sorted(Counter(x=2, y=1).elements()))
try:
    print("total=%d" % c.total())
except Exception as e:
    print("total: " + type(e).__name__)
