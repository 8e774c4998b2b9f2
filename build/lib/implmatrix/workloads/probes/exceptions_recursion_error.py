# category: exceptions
# feature: exceeding the recursion limit raises RecursionError (a RuntimeError subclass)
# since: 3.5 (RecursionError)
"""Unbounded recursion is caught as an ordinary exception and the interpreter recovers."""
import sys


def down(n):
    return down(n + 1)


try:
    down(0)
except Exception as e:
    print(type(e).__name__)
    print(isinstance(e, RuntimeError))
    print(str(e).startswith("maximum recursion depth exceeded"))
try:
    print(issubclass(RecursionError, RuntimeError))
except NameError:
    print("NameError: no RecursionError")


def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)


print(fact(20))
if hasattr(sys, "getrecursionlimit"):
    print(sys.getrecursionlimit())
else:
    print("no getrecursionlimit")
try:
    down(0)
except Exception as e:
    print("second time: " + type(e).__name__)
