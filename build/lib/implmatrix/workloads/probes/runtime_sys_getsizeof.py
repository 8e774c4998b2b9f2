# category: runtime
# feature: sys.getsizeof availability and relative object sizes
# since: 2.6
import sys

try:
    s = sys.getsizeof(0)
    print("getsizeof(0) type=%s positive=%s" % (type(s).__name__, s > 0))
    print("bigger list is bigger: %s" % (sys.getsizeof([1, 2, 3, 4, 5, 6, 7, 8]) > sys.getsizeof([])))
    print("big int bigger: %s" % (sys.getsizeof(2 ** 1000) > sys.getsizeof(1)))
    print("default arg: %s" % sys.getsizeof(object(), -1))
    print("getsizeof(0)=%d getsizeof(None)=%d getsizeof(1.0)=%d" % (sys.getsizeof(0), sys.getsizeof(None), sys.getsizeof(1.0)))
except Exception as e:
    print("getsizeof: " + type(e).__name__)
