# category: builtins
# feature: dict union operators | and |=
# since: 3.9 (PEP 584)
"""d1 | d2 makes a new dict (right side wins), |= updates in place and accepts iterables of pairs."""
a = {"x": 1, "y": 2}
b = {"y": 20, "z": 30}
print(sorted((a | b).items()))
print(sorted((b | a).items()))
print(sorted(a.items()))
c = dict(a)
alias = c
c |= b
print(sorted(c.items()))
print(c is alias)
try:
    c |= [("w", 0)]
    print(sorted(c.items()))
except Exception as e:
    print("|= pairs: " + type(e).__name__)
try:
    a | [("q", 1)]
    print("dict | list accepted")
except Exception as e:
    print("dict | list: " + type(e).__name__)


class D(dict):
    pass


try:
    print(type(D(k=1) | {}).__name__)
    print(type({} | D(k=1)).__name__)
except Exception as e:
    print("subclass |: " + type(e).__name__)
print(list(a | b))
try:
    print(sorted((a.keys() | b.keys())))
except TypeError:
    print("TypeError keys view")
