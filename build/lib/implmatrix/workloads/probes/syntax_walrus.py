# category: syntax
# feature: assignment expressions (walrus operator :=)
# since: 3.8 (PEP 572)
"""Named expressions in if/while/comprehensions, including binding leaking out of comprehensions."""
data = [1, 5, 12, 3, 20]
if (n := len(data)) > 3:
    print("len %d" % n)
print([y for x in data if (y := x * 2) > 10])
print("y after comprehension: %r" % (y,))
vals = iter([3, 2, 1, 0, 5])
out = []
while (v := next(vals)) != 0:
    out.append(v)
print(out)


def running_total():
    total = 0
    partial = [total := total + i for i in range(5)]
    return partial, total


print(running_total())
print((z := 5, z + 1))
print([w := 10, w * 2])
if any((hit := item) > 10 for item in data):
    print("first > 10: %r" % (hit,))
print({"k": (q := "val")}[("k")] + q)


def f(a=(b := 3)):
    return a


print("%r %r" % (f(), b))
