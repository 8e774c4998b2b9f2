# category: datamodel
# feature: augmented assignment (__iadd__) versus fallback to __add__
# since: 2.0 (PEP 203)
"""+= mutates in place when __iadd__ exists, else rebinds; the tuple-item += paradox."""


class Acc(object):
    def __init__(self, items=None):
        self.items = items or []

    def __iadd__(self, o):
        self.items.append(o)
        return self

    def __add__(self, o):
        return Acc(self.items + [o])


class NoIadd(object):
    def __init__(self, v):
        self.v = v

    def __add__(self, o):
        return NoIadd(self.v + o)


class Refuses(object):
    def __iadd__(self, o):
        return NotImplemented

    def __add__(self, o):
        return "fell back to __add__"


a = Acc()
b = a
a += 1
print("%r %r" % (a is b, b.items))
n = NoIadd(1)
m = n
n += 1
print("%r %r %r" % (n is m, n.v, m.v))
r = Refuses()
r += 1
print(r)
lst = [1]
alias = lst
lst += "ab"
print("%r %r" % (lst, alias is lst))
try:
    lst = lst + "ab"
except TypeError:
    print("TypeError: list + str")
t = ([],)
try:
    t[0] += [1]
except TypeError:
    print("TypeError: tuple item assignment")
print(t)
x = 5
y = x
x += 1
print("%d %d" % (x, y))
s = "ab"
s *= 2
print(s)
