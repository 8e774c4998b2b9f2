# category: syntax
# feature: lambda default arguments and late-binding closures
# since: 2.0
"""Defaults are evaluated once at definition; closures look variables up at call time."""
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
gs = [lambda i=i: i for i in range(3)]
print([g() for g in gs])
print([g(10) for g in gs])
default_list = lambda x, acc=[]: (acc.append(x), list(acc))[1]
print(default_list(1))
print(default_list(2))
print(default_list(3, []))
k = lambda *a, **kw: (a, sorted(kw.items()))
print(k(1, 2, z=3))
n = 10
h = lambda x, y=n: x + y
n = 20
print(h(1))
late = lambda x: x + n
n = 30
print(late(1))
print((lambda: 42).__name__)
print((lambda a, b=2, *c: (a, b, c))(1))
print((lambda x: (lambda y: x + y))(3)(4))
