# category: exceptions
# feature: return/break in finally silently discards the in-flight exception
# since: 2.0 (3.14 warns at compile time, PEP 765)
"""An exception propagating through finally is lost if finally returns or breaks."""
import sys


def f():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"


print(f())


def h():
    try:
        1 // 0
    except ZeroDivisionError:
        raise RuntimeError("from handler")
    finally:
        return "finally wins"


print(h())


def loop():
    for i in range(3):
        try:
            raise KeyError(i)
        finally:
            break
    return "broke out at %d" % i


print(loop())
print(sys.exc_info()[0])
