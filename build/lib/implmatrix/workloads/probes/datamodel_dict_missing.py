# category: datamodel
# feature: __missing__ hook on dict subclasses
# since: 2.5
"""d[k] on a dict subclass calls __missing__ for absent keys; get/in/setdefault do not."""
calls = []


class Counter(dict):
    def __missing__(self, key):
        calls.append(key)
        return 0


c = Counter()
c["a"] += 1
c["a"] += 1
print(sorted(c.items()))
print(c["zzz"])
print("zzz" in c)
print(c.get("q"))
print(c.setdefault("s", 5))
print(calls)


class AutoVivify(dict):
    def __missing__(self, k):
        v = self[k] = AutoVivify()
        return v


t = AutoVivify()
t["a"]["b"]["c"] = 1
print(repr(t))


class Upper(dict):
    def __missing__(self, k):
        raise KeyError(k.upper())


try:
    Upper()["low"]
except KeyError as e:
    print(repr(e.args))


class NoMissing(dict):
    pass


try:
    NoMissing()["x"]
except KeyError:
    print("KeyError without __missing__")
d = {}
d.__class__  # plain dicts have no __missing__ hook
print(hasattr(dict, "__missing__"))
