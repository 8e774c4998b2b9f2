# category: exceptions
# feature: except* handlers for exception groups
# since: 3.11 (PEP 654)
"""Each except* clause gets the matching subgroup; unhandled parts are re-raised as a group."""


def raiser():
    raise ExceptionGroup("g", [ValueError("v1"), TypeError("t1"), ValueError("v2"), OSError("o")])


try:
    try:
        raiser()
    except* ValueError as eg:
        print("ValueError handler: %r" % ([str(e) for e in eg.exceptions],))
        print(type(eg).__name__)
    except* TypeError as eg:
        print("TypeError handler: %r" % ([str(e) for e in eg.exceptions],))
except ExceptionGroup as rest:
    print("unhandled rest: " + repr(rest))
try:
    raise ValueError("naked")
except* ValueError as eg:
    print("naked wrapped: " + repr(eg))
try:
    raise ExceptionGroup("all", [KeyError("a"), KeyError("b")])
except* LookupError as eg:
    print("superclass match: %d" % len(eg.exceptions))
try:
    try:
        raise ExceptionGroup("h", [ValueError("x")])
    except* ValueError:
        raise RuntimeError("from handler")
except Exception as e:
    print("raised in handler: %s, context %s" % (type(e).__name__, type(e.__context__).__name__))
try:
    raise TypeError("plain")
except* (TypeError, ValueError) as eg:
    print("tuple match: " + repr(eg))
