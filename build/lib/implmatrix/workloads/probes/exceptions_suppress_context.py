# category: exceptions
# feature: raise ... from None suppresses context display (__suppress_context__)
# since: 3.3 (PEP 409, PEP 415)
"""from None sets __cause__ None and __suppress_context__ True but keeps __context__."""
MISSING = "<missing>"


def get(obj, name):
    return getattr(obj, name, MISSING)


try:
    try:
        int("x")
    except ValueError:
        raise LookupError("clean") from None
except LookupError as e:
    print(get(e, "__cause__"))
    print(get(e, "__suppress_context__"))
    ctx = get(e, "__context__")
    print(ctx if ctx is MISSING else type(ctx).__name__)
e = KeyError("k")
print(get(e, "__suppress_context__"))
try:
    e.__cause__ = ValueError("v")
    print(get(e, "__suppress_context__"))
    e.__suppress_context__ = False
    e.__cause__ = None
    print("%r %r" % (e.__cause__, e.__suppress_context__))
except AttributeError:
    print("AttributeError: cannot set __cause__")
