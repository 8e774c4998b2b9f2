# category: builtins
# feature: NaN comparison semantics and identity shortcuts in containers
# since: 2.6 (IEEE 754 NaN handling)
"""nan != nan, but containers use identity first; max/min and sort with NaN depend on order."""
import math
nan = float("nan")
print("%r %r %r %r" % (nan == nan, nan != nan, nan < 1.0, nan > 1.0))
print("%r %r" % (nan >= nan, nan is nan))
print(nan in [nan])
print(float("nan") in [float("nan")])
print([nan] == [nan])
print([float("nan")] == [float("nan")])
print(math.isnan(nan))
print("%r %r" % (max(nan, 1.0), max(1.0, nan)))
print("%r %r" % (min(nan, 1.0), min(1.0, nan)))
print(sorted([3.0, nan, 1.0, 2.0]))
d = {nan: 1}
print(d[nan])
print(float("nan") in d)
print(repr(nan ** 0) + " " + repr(1 ** nan) + " " + repr(nan * 0))
print(repr(-nan) + " " + repr(abs(nan)))
print(repr(float("inf") - float("inf")))
print(repr(float("inf") * 0))
