# category: runtime
# feature: deterministic hash values of ints, floats, tuples; hash(-1)
# since: 3.2 (numeric hash modulus), 3.8 (xxHash-based tuple hash)
import sys

for label, thunk in [
    ("hash(0)", lambda: hash(0)),
    ("hash(1)", lambda: hash(1)),
    ("hash(-1)", lambda: hash(-1)),
    ("hash(-2)", lambda: hash(-2)),
    ("hash(True)", lambda: hash(True)),
    ("hash(2**61-1)", lambda: hash(2 ** 61 - 1)),
    ("hash(2**61)", lambda: hash(2 ** 61)),
    ("hash(2**64)", lambda: hash(2 ** 64)),
    ("hash(0.5)", lambda: hash(0.5)),
    ("hash(1.0)==hash(1)", lambda: hash(1.0) == hash(1)),
    ("hash(inf)", lambda: hash(float("inf"))),
    ("hash(-inf)", lambda: hash(float("-inf"))),
    ("hash(1+0j)==hash(1)", lambda: hash(1 + 0j) == hash(1)),
    ("hash(())", lambda: hash(())),
    ("hash((1,2,3))", lambda: hash((1, 2, 3))),
    ("hash('')", lambda: hash("")),
    ("hash(None) is int", lambda: isinstance(hash(None), int)),
    ("hash(frozenset())", lambda: hash(frozenset())),
    ("hash([])", lambda: hash([])),
]:
    try:
        print("%s = %s" % (label, thunk()))
    except Exception as e:
        print("%s -> %s" % (label, type(e).__name__))
try:
    print("hash_info width=%d modulus=%d inf=%d" % (sys.hash_info.width, sys.hash_info.modulus, sys.hash_info.inf))
except Exception as e:
    print("hash_info: " + type(e).__name__)
