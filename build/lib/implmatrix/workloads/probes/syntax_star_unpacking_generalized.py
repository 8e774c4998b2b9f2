# category: syntax
# feature: additional unpacking generalizations (* and ** in displays and calls)
# since: 3.5 (PEP 448)
"""Multiple * and ** unpackings in list/tuple/set/dict displays and in function calls."""
print([*range(3), *"ab", 9])
print((*[1, 2], 3))
print(sorted({*[1, 2], *{2, 3}, 4}))
d = {**{"a": 1}, "b": 2, **{"a": 3}}
print(sorted(d.items()))


def f(*args, **kw):
    return args, sorted(kw.items())


print(f(*[1, 2], *(3,), 4, **{"x": 1}, y=5, **{"z": 2}))
try:
    f(**{"x": 1}, **{"x": 2})
except TypeError:
    print("TypeError duplicate keyword")


def g():
    rest = [2, 3]
    return 1, *rest


print(g())
t = *"ab", *"cd"
print(t)
print([*[], *()])
print({**{}})
