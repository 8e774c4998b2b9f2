# category: syntax
# feature: comprehension loop variables do not leak into the enclosing scope
# since: 3.0
"""List comprehension and generator expression variables are local to the comprehension."""
x = "outer"
lst = [x for x in range(3)]
print(x)
gen = list(y for y in range(3))
try:
    print(y)
except NameError:
    print("NameError: y not leaked")


class K:
    base = 10
    try:
        vals = [base + i for i in range(3)]
    except NameError:
        vals = "NameError: class scope not visible"
    first = [b * 2 for b in [base]]


print(K.vals)
print(K.first)
i = 100
print([[i * j for j in range(2)] for i in range(3)])
print(i)
