# category: exceptions
# feature: explicit exception chaining with raise ... from (__cause__)
# since: 3.0 (PEP 3134)
"""raise X from Y sets __cause__ and __suppress_context__; the implicit __context__ is kept."""
MISSING = "<missing>"


def get(obj, name):
    return getattr(obj, name, MISSING)


def tname(x):
    return x if x is MISSING else type(x).__name__


try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("bad config") from e
except ValueError as v:
    cause = get(v, "__cause__")
    print(tname(cause))
    print(repr(get(cause, "args")))
    print(get(v, "__suppress_context__"))
    print(tname(get(v, "__context__")))
    print(get(v, "__context__") is cause)
try:
    raise ValueError("from class") from KeyError
except ValueError as v:
    print(tname(get(v, "__cause__")))
    print(repr(get(get(v, "__cause__"), "args")))
try:
    raise ValueError("outside handler") from IndexError("i")
except ValueError as v:
    print("%s %s" % (tname(get(v, "__cause__")), tname(get(v, "__context__"))))
try:
    raise ValueError("x") from 5
except TypeError as t:
    print("TypeError: cause must derive from BaseException")
except ValueError:
    print("ValueError raised, bad cause ignored")
e = RuntimeError("manual")
try:
    e.__cause__ = KeyError("set by hand")
    print("%s %r" % (tname(e.__cause__), get(e, "__suppress_context__")))
except AttributeError:
    print("AttributeError: cannot set __cause__")
