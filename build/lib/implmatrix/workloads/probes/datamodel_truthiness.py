# category: datamodel
# feature: truth value testing via __bool__ and __len__
# since: 3.0 (__bool__ renamed from __nonzero__)
"""__bool__ takes precedence over __len__; bad return types raise; and/or return operands."""


class B(object):
    def __init__(self, v):
        self.v = v

    def __bool__(self):
        return self.v


class L(object):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n


class Both(object):
    def __bool__(self):
        return True

    def __len__(self):
        return 0


class Neither(object):
    pass


print("%r %r" % (bool(B(False)), bool(B(True))))
print("%r %r" % (bool(L(0)), bool(L(3))))
print(bool(Both()))
print(bool(Neither()))
print(not L(0))
r = L(0) or "fallback"
print(r)
print(repr(L(2) and "second"))
try:
    bool(B(1))
    print("int from __bool__ accepted")
except TypeError:
    print("TypeError: __bool__ returned int")
try:
    bool(L(-1))
    print("negative len accepted")
except ValueError:
    print("ValueError: negative __len__")
print([bool(x) for x in [0, 0.0, 0j, "", [], {}, (), set(), None, "0", [0]]])
