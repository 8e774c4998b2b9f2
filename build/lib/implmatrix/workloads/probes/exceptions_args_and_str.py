# category: exceptions
# feature: exception args, str() and repr() of built-in exceptions
# since: 2.5 (BaseException.args), repr format 3.7
"""str/repr/args for zero, one and several arguments; OSError errno mapping to subclasses."""
cases = [ValueError(), ValueError("one"), ValueError("one", 2), ValueError(42),
         KeyError("k"), KeyError(), IndexError("i", "j"), Exception(None)]
for e in cases:
    print("%s | %r | %r | %r" % (type(e).__name__, str(e), repr(e), e.args))
e = ValueError("a")
try:
    e.args = ("b", "c")
    print("%r %r" % (str(e), e.args))
except AttributeError:
    print("AttributeError: args not writable")
o = OSError(2, "No such file")
print("%s %r %r %r" % (type(o).__name__, getattr(o, "errno", "?"), getattr(o, "strerror", "?"), str(o)))
print(type(OSError(13, "denied")).__name__)
print(type(OSError("just message")).__name__)
u = UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte")
print(str(u))
print("%r %r" % (u.start, u.reason))


class NoSuper(Exception):
    def __init__(self, a, b):
        self.a = a


n = NoSuper(1, 2)
print("%r %r" % (n.args, str(n)))
