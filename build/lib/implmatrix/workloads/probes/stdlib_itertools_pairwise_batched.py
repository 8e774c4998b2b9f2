# category: stdlib
# feature: itertools.pairwise and itertools.batched
# since: 3.10 (pairwise), 3.12 (batched)
import itertools

try:
    print("pairwise=%s" % ["".join(p) for p in itertools.pairwise("abcde")])
    print("pairwise short=%s" % list(itertools.pairwise([1])))
except Exception as e:
    print("pairwise: " + type(e).__name__)
try:
    print("batched=%s" % [list(b) for b in itertools.batched(range(7), 3)])
    print("batched type=%s" % type(next(itertools.batched("ab", 2))).__name__)
except Exception as e:
    print("batched: " + type(e).__name__)
try:
    print("batched strict=%s" % list(itertools.batched(range(4), 3, strict=True)))
except Exception as e:
    print("batched strict: " + type(e).__name__)
