# category: runtime
# feature: __debug__ constant and assert statement behaviour
# since: 1.5
import sys

print("__debug__=%s" % __debug__)
print("optimize flag=%s" % getattr(getattr(sys, "flags", None), "optimize", "n/a"))
try:
    assert 1 + 1 == 3, "math is broken"
    print("assert not raised")
except AssertionError as e:
    print("AssertionError args=%s" % list(e.args))
try:
    assert False
except AssertionError as e:
    print("bare assert args=%s" % list(e.args))
t = (False, "tuple is truthy")
try:
    assert t
    print("assert on non-empty tuple passes")
except AssertionError:
    print("assert on tuple raised")
calls = []


def side_effect():
    calls.append(1)
    return "msg"


try:
    assert True, side_effect()
except AssertionError:
    pass
print("message evaluated when passing: %s" % bool(calls))
if __debug__:
    print("if __debug__ block runs")
