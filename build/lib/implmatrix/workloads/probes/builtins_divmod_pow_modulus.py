# category: builtins
# feature: divmod() and three-argument pow() with big and negative operands
# since: 2.0
"""divmod sign rules for ints and floats; pow(base, exp, mod) with huge exponents."""

INT_TYPES = (int, type(2 ** 100))


def show(label, fn):
    try:
        r = fn()
        s = str(r) if isinstance(r, INT_TYPES) else repr(r)
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


for a, b in [(17, 5), (-17, 5), (17, -5), (-17, -5)]:
    show("divmod(%d, %d)" % (a, b), lambda: divmod(a, b))
show("divmod(7.5, 2)", lambda: divmod(7.5, 2))
show("divmod(-7.5, 2)", lambda: divmod(-7.5, 2))
show("divmod(1, 0)", lambda: divmod(1, 0))
show("divmod(2**100, 7)", lambda: "%d %d" % divmod(2 ** 100, 7))
show("pow(3, 200, 1000)", lambda: pow(3, 200, 1000))
show("pow(2, 10**6, 10**9+7)", lambda: pow(2, 10 ** 6, 10 ** 9 + 7))
show("pow(-3, 3, 7)", lambda: pow(-3, 3, 7))
show("pow(3, 0, 1)", lambda: pow(3, 0, 1))
show("pow(3, 5, -7)", lambda: pow(3, 5, -7))
show("pow(2**100, 2**100, 10**20+39)", lambda: pow(2 ** 100, 2 ** 100, 10 ** 20 + 39))
show("pow(2, -1)", lambda: pow(2, -1))
show("pow(2.0, 3, 5)", lambda: pow(2.0, 3, 5))
show("0**0", lambda: 0 ** 0)
show("(-8)**(1/3) type", lambda: type((-8) ** (1.0 / 3)).__name__)
show("pow(2, 3, 0)", lambda: pow(2, 3, 0))
