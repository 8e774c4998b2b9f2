# category: datamodel
# feature: __set_name__ called on descriptors at class creation
# since: 3.6 (PEP 487)
"""type.__new__ calls __set_name__(owner, name) for attributes; later assignment does not."""
calls = []


class Field(object):
    def __set_name__(self, owner, name):
        self.owner = owner.__name__
        self.name = name
        calls.append("%s.%s" % (owner.__name__, name))

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return "field %s.%s" % (self.owner, self.name)


class Model(object):
    title = Field()
    body = Field()


print(calls)
print(Model().title)
late = Field()
Model.late = late
print(hasattr(late, "name"))
T = type("T", (object,), {"f": Field()})
print(T().f)
shared = Field()


class Two(object):
    a = shared
    b = shared


print(shared.name)
print(calls)
