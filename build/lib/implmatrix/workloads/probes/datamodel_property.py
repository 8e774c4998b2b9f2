# category: datamodel
# feature: property with getter, setter, deleter and docstring
# since: 2.2 (property), 2.6 (.setter/.deleter)
"""@property/@x.setter/@x.deleter, read-only properties, overriding a getter in a subclass."""


class Temp(object):
    def __init__(self):
        self._c = 0

    @property
    def celsius(self):
        "Celsius doc"
        return self._c

    @celsius.setter
    def celsius(self, v):
        if v < -273.15:
            raise ValueError("too cold")
        self._c = v

    @celsius.deleter
    def celsius(self):
        print("deleting")
        self._c = None

    @property
    def fahrenheit(self):
        return self._c * 9.0 / 5 + 32


t = Temp()
t.celsius = 100
print(t.celsius)
print(t.fahrenheit)
try:
    t.fahrenheit = 5
except AttributeError:
    print("AttributeError: read-only")
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError: " + str(e))
del t.celsius
print(t.celsius)
print(type(Temp.celsius).__name__)
print(getattr(Temp.celsius, "__doc__", "no __doc__"))
p = property(lambda self: 1)
print(getattr(p, "fset", "no fset") is None)


class T2(Temp):
    @Temp.celsius.getter
    def celsius(self):
        return "sub getter"


t2 = T2()
t2.celsius = 5
print(t2.celsius)
print(t2._c)
