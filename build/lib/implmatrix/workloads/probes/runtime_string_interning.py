# category: runtime
# feature: sys.intern and automatic interning of identifier-like strings
# since: 3.0 (sys.intern; builtin intern in 2.x)
import sys

a = "".join(["hello", "_", "world"])
b = "".join(["hello", "_", "world"])
print("dynamic strings equal=%s identical=%s" % (a == b, a is b))
try:
    intern = sys.intern
except AttributeError:
    print("sys.intern: AttributeError")
    intern = intern  # Python 2 builtin; NameError where there is none
ia = intern(a)
ib = intern(b)
print("interned identical=%s equal=%s" % (ia is ib, ia == ib))
literal = "hello_world"
print("interned is literal: %s" % (ia is literal))
c = "".join(["not an", " identifier!"])
print("interned non-identifier identical: %s" % (intern(c) is intern("".join(["not an", " identifier!"]))))
attr_name = "".join(["my", "attr"])


class K(object):
    pass


setattr(K, attr_name, 1)
key = [k for k in K.__dict__ if k == "myattr"][0]
print("attribute name interned: %s" % (key is intern("myattr")))
try:
    intern(b"bytes")
except TypeError:
    print("intern bytes: TypeError")
