# category: datamodel
# feature: __format__ protocol used by format() and str.format
# since: 2.6 / 3.0 (PEP 3101)
"""Custom __format__ receives the spec; object.__format__ rejects non-empty specs."""


class Money(object):
    def __init__(self, cents):
        self.cents = cents

    def __format__(self, spec):
        if spec == "":
            return str(self)
        if spec == "short":
            return "$%d" % (self.cents // 100)
        return format(self.cents / 100.0, spec)

    def __str__(self):
        return "$%d.%02d" % divmod(self.cents, 100)


class NoFormat(object):
    def __str__(self):
        return "plain"


class BadFormat(object):
    def __format__(self, spec):
        return 42


class MyInt(int):
    def __format__(self, spec):
        return "MyInt(" + spec + ")"


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


def nonstr():
    r = "{}".format(BadFormat())
    return "default str() used" if "BadFormat object" in r else r


m = Money(12345)
show("str.format empty", lambda: "{}".format(m))
show("str.format short", lambda: "{:short}".format(m))
show("str.format float spec", lambda: "{:>12.1f}|".format(m))
show("str.format mixed", lambda: "{0:short} and {0!s}".format(Money(5)))
show("format()", lambda: format(m))
show("format() short", lambda: format(m, "short"))
show("no __format__", lambda: "{}".format(NoFormat()))
show("no __format__ with spec", lambda: "{:x}".format(NoFormat()))
show("non-str result", lambda: nonstr())
show("int subclass", lambda: "{:d}".format(MyInt(5)))
show("percent d", lambda: "%d" % MyInt(5))
show("builtin specs", lambda: "{:.2f} {:#x} {:^5}|".format(3.14159, 255, "s"))
