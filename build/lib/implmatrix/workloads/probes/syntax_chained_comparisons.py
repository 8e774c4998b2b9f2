# category: syntax
# feature: chained comparisons (a < b < c) with single evaluation and short-circuit
# since: 2.0
"""a op b op c means (a op b) and (b op c), with b evaluated once."""
calls = []


def v(x):
    calls.append(x)
    return x


print(1 < 2 < 3)
print(1 < 3 < 2)
print(3 > 2 == 2)
print(v(1) < v(0) < v(5))
print(calls)
del calls[:]
print(v(1) < v(2) < v(3))
print(calls)
print(1 == 1.0 == True)
print("a" < "b" <= "b" != "c")
x = 5
print(0 <= x < 10)
print(1 < 2 > 1)
print([1, 2] == [1, 2] is not None)
print(2 in [1, 2] in [[1, 2]])
print(1 < 2 < 3 < 4 < 5 < 4)
print((1 < 2) < 3)
