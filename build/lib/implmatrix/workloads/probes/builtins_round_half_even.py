# category: builtins
# feature: round() uses round-half-to-even and returns int for one argument
# since: 3.0
"""Banker's rounding, representation effects (2.675), negative ndigits, return types."""


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


print([round(x) for x in [0.5, 1.5, 2.5, 3.5, -0.5, -1.5, -2.5, 4.4999]])
show("round(2.675, 2)", lambda: round(2.675, 2))
show("round(0.125, 2)", lambda: round(0.125, 2))
show("round(0.375, 2)", lambda: round(0.375, 2))
show("round(1234.5678, -2)", lambda: round(1234.5678, -2))
show("round(1250, -2)", lambda: round(1250, -2))
show("round(1350, -2)", lambda: round(1350, -2))
show("round(-1250, -2)", lambda: round(-1250, -2))
show("round(5, 1)", lambda: round(5, 1))
show("round(2.5, 0)", lambda: round(2.5, 0))
show("type round(2.5)", lambda: type(round(2.5)).__name__)
show("type round(2.5, 0)", lambda: type(round(2.5, 0)).__name__)
show("round(2.5, None)", lambda: round(2.5, None))
show("round(inf)", lambda: round(float("inf")))
show("round(nan)", lambda: round(float("nan")))
show("round(1e300, 2)", lambda: round(1e300, 2))
show("round(-0.4)", lambda: round(-0.4))
show("round(-0.4, 0)", lambda: round(-0.4, 0))
