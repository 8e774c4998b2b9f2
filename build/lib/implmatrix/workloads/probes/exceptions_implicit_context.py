# category: exceptions
# feature: implicit exception chaining (__context__) when raising inside a handler
# since: 3.0 (PEP 3134)
"""An exception raised while handling another records it in __context__, also via finally."""
MISSING = "<missing>"


def get(obj, name):
    return getattr(obj, name, MISSING)


def tname(x):
    return x if x is MISSING else type(x).__name__


try:
    try:
        1 // 0
    except ZeroDivisionError:
        raise KeyError("during handling")
except KeyError as e:
    print(tname(get(e, "__context__")))
    print(tname(get(e, "__cause__")))
    print(get(e, "__suppress_context__"))
try:
    try:
        raise ValueError("first")
    finally:
        raise TypeError("from finally")
except TypeError as e:
    print("%s %r" % (tname(get(e, "__context__")), get(get(e, "__context__"), "args")))
try:
    try:
        raise ValueError("a")
    except ValueError:
        try:
            raise KeyError("b")
        except KeyError:
            raise IndexError("c")
except IndexError as e:
    chain = []
    cur = e
    while cur is not None and cur is not MISSING:
        chain.append(type(cur).__name__)
        cur = get(cur, "__context__")
    print(chain)
try:
    raise ValueError("no context")
except ValueError as e:
    print(tname(get(e, "__context__")))
err = ValueError("reraised")
try:
    try:
        raise err
    except ValueError as first:
        raise first
except ValueError as e:
    print("%r %s" % (e is err, tname(get(e, "__context__"))))
