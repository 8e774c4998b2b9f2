# category: datamodel
# feature: metaclasses: __new__, __init__, __call__, __prepare__ and class keyword arguments
# since: 3.0 (PEP 3115)
"""A metaclass customising class creation and instance creation; metaclass conflicts."""
events = []


class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases, **kw):
        events.append("prepare " + name)
        return {"prepared": True}

    def __new__(mcls, name, bases, ns, **kw):
        events.append("new " + name)
        ns["created_by"] = "Meta"
        ns["kw"] = sorted(kw.items())
        return super().__new__(mcls, name, bases, ns)

    def __init__(cls, name, bases, ns, **kw):
        events.append("init " + name)
        super().__init__(name, bases, ns)

    def __call__(cls, *a, **k):
        events.append("call " + cls.__name__)
        inst = super().__call__(*a, **k)
        inst.via_meta = True
        return inst

    def __repr__(cls):
        return "<Meta class %s>" % cls.__name__


class Base(metaclass=Meta, flag=1):
    pass


class Child(Base):
    def __init__(self, v):
        self.v = v


print(Base.created_by)
print(Base.kw)
print(Child.kw)
print(Child.prepared)
print(type(Child).__name__)
print(repr(Child))
c = Child(3)
print("%r %r" % (c.via_meta, c.v))
print(isinstance(Child, Meta))
print(events)
X = type("X", (object,), {"a": 1})
print("%s %d" % (X.__name__, X.a))
Y = Meta("Y", (), {})
print(repr(Y))


class M2(type):
    pass


class B2(metaclass=M2):
    pass


try:
    class D(Base, B2):
        pass
    print("no conflict")
except TypeError:
    print("TypeError: metaclass conflict")
