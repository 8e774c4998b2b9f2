# category: builtins
# feature: dicts preserve insertion order (iteration, repr, popitem, **kwargs)
# since: 3.7 (language guarantee; PEP 468 for **kwargs in 3.6)
"""Key order follows insertion; updating a key keeps its position, re-inserting moves it last."""
d = {}
for k in ["zeta", "alpha", "mid", "beta", "omega"]:
    d[k] = len(k)
print(list(d))
print(list(d.values()))
print(list(d.items()))
del d["mid"]
d["mid"] = 0
print(list(d))
d["alpha"] = 99
print(list(d))
print(d.popitem())
print(repr({3: 1, 1: 2, 2: 3}))
print(list(dict(zip("qwerty", range(6)))))
print(list(dict(b=1, a=2, c=3)))


def f(**kw):
    return list(kw)


print(f(z=1, y=2, x=3))
print(list(dict.fromkeys("mississippi")))
try:
    print(list(reversed(d)))
except Exception as e:
    print("reversed(dict): " + type(e).__name__)
