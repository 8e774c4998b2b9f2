# category: stdlib
# feature: math.isqrt, math.comb, math.perm, math.prod
# since: 3.8
import math

for name, f, args in [
    ("isqrt(10**20+1)", "isqrt", (10 ** 20 + 1,)),
    ("isqrt(99)", "isqrt", (99,)),
    ("comb(52,5)", "comb", (52, 5)),
    ("comb(5,7)", "comb", (5, 7)),
    ("perm(10,3)", "perm", (10, 3)),
    ("perm(5)", "perm", (5,)),
    ("prod([1..10])", "prod", (range(1, 11),)),
    ("factorial(25)", "factorial", (25,)),
    ("lcm(4,6,10)", "lcm", (4, 6, 10)),
    ("isqrt(-1)", "isqrt", (-1,)),
    ("comb(-1,2)", "comb", (-1, 2)),
]:
    try:
        print("%s = %s" % (name, getattr(math, f)(*args)))
    except Exception as e:
        print("%s -> %s" % (name, type(e).__name__))
