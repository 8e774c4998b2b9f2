# category: builtins
# feature: pow() with negative exponent and modulus computes a modular inverse; keyword arguments
# since: 3.8 (bpo-36027)
"""pow(x, -1, m) is the inverse of x modulo m; ValueError when it does not exist."""

INT_TYPES = (int, type(2 ** 100))


def show(label, fn):
    try:
        r = fn()
        s = str(r) if isinstance(r, INT_TYPES) else repr(r)
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


show("pow(38, -1, 97)", lambda: pow(38, -1, 97))
show("check", lambda: 38 * pow(38, -1, 97) % 97)
show("pow(2, -3, 7)", lambda: pow(2, -3, 7))
show("pow(2, -1, 4)", lambda: pow(2, -1, 4))
show("pow(-5, -1, 13)", lambda: pow(-5, -1, 13))
show("pow(7, -1, -11)", lambda: pow(7, -1, -11))
show("big inverse", lambda: pow(2 ** 127 - 1, -1, 10 ** 30 + 57))
show("pow(base=2, exp=5)", lambda: pow(base=2, exp=5))
show("pow(base=2, exp=5, mod=3)", lambda: pow(base=2, exp=5, mod=3))
