# category: datamodel
# feature: __init_subclass__ hook with class keyword arguments
# since: 3.6 (PEP 487)
"""Base classes see their subclasses being created; the hook is an implicit classmethod."""
registry = []


class Plugin(object):
    def __init_subclass__(cls, name=None, **kw):
        super().__init_subclass__(**kw)
        cls.plugin_name = name or cls.__name__.lower()
        registry.append(cls.plugin_name)


class A(Plugin):
    pass


class B(Plugin, name="bee"):
    pass


class C(B):
    pass


print(registry)
print(C.plugin_name)
print("plugin_name" in Plugin.__dict__)
print(type(Plugin.__dict__["__init_subclass__"]).__name__)
try:
    class D(Plugin, bogus=1):
        pass
    print("bogus accepted")
except TypeError:
    print("TypeError: unexpected class keyword")
print(registry)


class Counted(object):
    count = 0

    def __init_subclass__(cls):
        Counted.count += 1


class E(Counted):
    pass


class F(E):
    pass


print(Counted.count)
