# category: syntax
# feature: conditional expressions (x if cond else y)
# since: 2.5 (PEP 308)
"""Ternary expressions: chaining, precedence and short-circuit evaluation of the branches."""


def sign(n):
    return "neg" if n < 0 else "zero" if n == 0 else "pos"


print([sign(n) for n in (-2, 0, 3)])
calls = []


def t(v):
    calls.append(v)
    return v


r = t("a") if t(True) else t("b")
print(r)
print(calls)
print((1 if False else 2) + 10)
print(1 if False else 2 + 10)
lam = lambda v: v if v else "empty"
print([lam(v) for v in [0, "", "s", [], [1]]])
print([i if i % 2 else -i for i in range(5)])
print([i for i in range(6) if (i if i > 2 else 0)])
print(("a" if 1 else "b") * 3)
