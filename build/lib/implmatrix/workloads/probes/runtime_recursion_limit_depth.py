# category: runtime
# feature: recursion limit value and how deep plain recursion goes before failing
# since: 1.5 (getrecursionlimit), 3.5 (RecursionError)
import sys


def depth_reached():
    state = {"max": 0}

    def rec(n):
        state["max"] = n
        rec(n + 1)

    try:
        rec(1)
        return state["max"], "no error"
    except Exception as e:
        return state["max"], type(e).__name__
    except BaseException as e:
        return state["max"], "BaseException " + type(e).__name__


def bucket(d):
    for lim in (100000, 10000, 5000, 1000, 900, 500, 100):
        if d >= lim:
            return ">=%d" % lim
    return "<100"


try:
    print("getrecursionlimit=%d" % sys.getrecursionlimit())
except AttributeError:
    print("getrecursionlimit: AttributeError")
d, err = depth_reached()
print("default: depth bucket %s, error %s" % (bucket(d), err))
try:
    sys.setrecursionlimit(6000)
    print("set to 6000, now %d" % sys.getrecursionlimit())
    d, err = depth_reached()
    print("raised limit: depth bucket %s, error %s" % (bucket(d), err))
except AttributeError:
    print("setrecursionlimit: AttributeError")
try:
    sys.setrecursionlimit(0)
except Exception as e:
    print("setrecursionlimit(0): " + type(e).__name__)
