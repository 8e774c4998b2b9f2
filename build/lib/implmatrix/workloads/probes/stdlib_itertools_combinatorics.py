# category: stdlib
# feature: itertools product, permutations, combinations
# since: 2.6
import itertools

print("product=%s" % ["".join(t) for t in itertools.product("ab", "xy")])
print("product repeat=%d" % len(list(itertools.product([0, 1], repeat=3))))
print("permutations=%s" % ["".join(t) for t in itertools.permutations("abc", 2)])
print("combinations=%s" % ["".join(t) for t in itertools.combinations("abcd", 2)])
try:
    print("comb w/ repl=%s" % ["".join(t) for t in itertools.combinations_with_replacement("ab", 2)])
except Exception as e:
    print("combinations_with_replacement: " + type(e).__name__)
print("chain=%s" % list(itertools.chain([1, 2], (3,), "45")))
print("islice=%s" % list(itertools.islice(itertools.count(10, 5), 2, 6)))
print("cycle=%s" % list(itertools.islice(itertools.cycle("ab"), 5)))
print("repeat=%s" % list(itertools.repeat(7, 3)))
try:
    print("zip_longest=%s" % list(itertools.zip_longest("ab", "xyz", fillvalue="-")))
except AttributeError:
    print("zip_longest=%s" % list(itertools.izip_longest("ab", "xyz", fillvalue="-")))
