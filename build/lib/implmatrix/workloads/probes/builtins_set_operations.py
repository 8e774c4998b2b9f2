# category: builtins
# feature: set and frozenset operators, methods and result types
# since: 2.4 (built-in set, PEP 218)
"""Union/intersection/difference/symmetric difference, comparisons, in-place ops, frozenset mixing."""


def show(label, fn):
    try:
        r = fn()
        if isinstance(r, (set, frozenset)):
            s = type(r).__name__ + repr(sorted(r))
        else:
            s = repr(r)
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


a = {1, 2, 3, 4}
b = {3, 4, 5}
show("a|b", lambda: a | b)
show("a&b", lambda: a & b)
show("a-b", lambda: a - b)
show("a^b", lambda: a ^ b)
show("a<=b", lambda: a <= b)
show("{1,2}<a", lambda: {1, 2} < a)
show("a<a", lambda: a < a)
show("isdisjoint", lambda: a.isdisjoint({9}))
show("issuperset list", lambda: a.issuperset([1, 2]))
s = set(a)
s |= {10}
s -= {1}
s &= {2, 3, 10}
s ^= {3, 99}
show("inplace chain", lambda: s)
f = frozenset([1, 2])
show("frozenset|set", lambda: f | {3})
show("set|frozenset", lambda: {3} | f)
show("union multi", lambda: a.union([7], (8,), {9: "key"}))
show("intersection range", lambda: a.intersection(range(3)))
show("set==frozenset", lambda: {1, 2} == frozenset({1, 2}))
show("set|list", lambda: a | [1])
show("repr empty", lambda: (repr(set()), repr(frozenset())))
show("1 1.0 True", lambda: len({1, 1.0, True}))
show("frozenset hashable", lambda: {f: "ok"}[frozenset([2, 1])])
show("set unhashable", lambda: {a: 1})
t = {1, 2}
t.discard(5)
show("remove missing", lambda: t.remove(5))
show("difference_update", lambda: (t.difference_update([1]), t)[1])
