# category: datamodel
# feature: __getattr__ (fallback) versus __getattribute__ (every access)
# since: 2.2
"""__getattr__ runs only when normal lookup fails; __getattribute__ runs for every attribute."""
log = []


class Lazy(object):
    exists = "class attr"

    def __init__(self):
        self.real = "instance attr"

    def __getattr__(self, name):
        log.append("getattr:" + name)
        if name.startswith("dyn_"):
            return name[4:].upper()
        raise AttributeError(name)


obj = Lazy()
print(obj.real)
print(obj.exists)
print(obj.dyn_foo)
print(hasattr(obj, "nope"))
print(getattr(obj, "missing", "default"))
print(log)
del log[:]


class Spy(object):
    def __init__(self):
        self.a = 1

    def __getattribute__(self, name):
        log.append("ga:" + name)
        return object.__getattribute__(self, name)

    def __getattr__(self, name):
        log.append("fallback:" + name)
        return "fallback"


s = Spy()
print(s.a)
print(s.missing)
print(log)


class Magic(object):
    def __getattr__(self, name):
        return lambda *a: 42


m = Magic()
print(m.__len__())
try:
    print(len(m))
except TypeError:
    print("TypeError: len() bypasses __getattr__")
