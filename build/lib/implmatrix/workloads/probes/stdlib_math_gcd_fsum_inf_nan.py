# category: stdlib
# feature: math gcd, fsum, inf and nan handling
# since: 3.5 (gcd, isclose, inf/nan constants), 2.6 (fsum)
import math

for label, thunk in [
    ("gcd(48,18)", lambda: math.gcd(48, 18)),
    ("gcd(0,0)", lambda: math.gcd(0, 0)),
    ("gcd(3 args)", lambda: math.gcd(12, 18, 27)),
    ("fsum", lambda: repr(math.fsum([0.1] * 10))),
    ("sum", lambda: repr(sum([0.1] * 10))),
    ("fsum cancel", lambda: repr(math.fsum([1e100, 1.0, -1e100]))),
    ("isclose", lambda: math.isclose(0.1 + 0.2, 0.3)),
    ("inf const", lambda: repr(math.inf)),
    ("nan const", lambda: repr(math.nan)),
    ("float('inf')", lambda: repr(float("inf"))),
    ("-inf < 0", lambda: float("-inf") < 0),
    ("nan == nan", lambda: float("nan") == float("nan")),
    ("isnan", lambda: math.isnan(float("nan"))),
    ("isinf", lambda: math.isinf(-float("inf"))),
    ("isfinite", lambda: math.isfinite(1e308)),
    ("inf - inf", lambda: repr(float("inf") - float("inf"))),
    ("sqrt(-1)", lambda: math.sqrt(-1)),
    ("log(0)", lambda: math.log(0)),
    ("exp(1000)", lambda: math.exp(1000)),
    ("1e308 * 10", lambda: repr(1e308 * 10)),
    ("copysign(1,-0.0)", lambda: repr(math.copysign(1, -0.0))),
    ("floor(-2.5)", lambda: repr(math.floor(-2.5))),
    ("int(inf)", lambda: int(float("inf"))),
]:
    try:
        print("%s = %s" % (label, thunk()))
    except Exception as e:
        print("%s -> %s" % (label, type(e).__name__))
