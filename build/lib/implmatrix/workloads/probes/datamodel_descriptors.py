# category: datamodel
# feature: data and non-data descriptors (__get__, __set__, __delete__) and lookup precedence
# since: 2.2 (PEP 252)
"""Data descriptors beat the instance dict, instance dict beats non-data descriptors."""
log = []


class Typed(object):
    def __init__(self, name, typ):
        self.name = name
        self.typ = typ

    def __get__(self, obj, objtype=None):
        if obj is None:
            return "class access via " + objtype.__name__
        return getattr(obj, "_" + self.name, "unset")

    def __set__(self, obj, value):
        if not isinstance(value, self.typ):
            raise TypeError("bad type for " + self.name)
        setattr(obj, "_" + self.name, value)

    def __delete__(self, obj):
        log.append("delete " + self.name)
        delattr(obj, "_" + self.name)


class NonData(object):
    def __get__(self, obj, objtype=None):
        return "nondata"


class C(object):
    x = Typed("x", int)
    nd = NonData()

    def meth(self):
        return "bound meth"


c = C()
print(c.x)
c.x = 5
print(c.x)
try:
    c.x = "s"
except TypeError as e:
    print("TypeError: " + str(e))
r = C.x
print(r if isinstance(r, str) else "class access returned a " + type(r).__name__)
try:
    c.__dict__["x"] = "shadow"
    print(c.x)
except Exception as e:
    print("instance __dict__ write: " + type(e).__name__)
print(c.nd)
c.nd = "instance wins"
print(c.nd)
del c.x
print(log)
print(c.x)
f = C.__dict__["meth"]
print(hasattr(f, "__get__"))
try:
    print(f.__get__(c, C)())
except AttributeError:
    print("AttributeError: function.__get__")
