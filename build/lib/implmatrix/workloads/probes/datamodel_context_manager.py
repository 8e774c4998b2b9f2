# category: datamodel
# feature: context manager protocol __enter__/__exit__
# since: 2.5 (PEP 343)
"""Enter/exit ordering, exception info passed to __exit__, suppression, return inside with."""
log = []


class CM(object):
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        log.append("enter " + self.name)
        return self.name.upper()

    def __exit__(self, et, ev, tb):
        log.append("exit %s %s %r" % (self.name, et.__name__ if et else None,
                                      ev.args if ev is not None else None))
        return self.suppress


with CM("a") as v:
    log.append("body " + v)
with CM("outer"), CM("inner") as w:
    log.append("body " + w)
with CM("s", suppress=True):
    raise ValueError("x")
log.append("after suppressed")
try:
    with CM("n"):
        raise KeyError("k")
except KeyError:
    log.append("propagated")


def f():
    with CM("r"):
        return "returned"


log.append(f())
for i in range(2):
    with CM("loop%d" % i):
        if i == 0:
            continue
        break
for line in log:
    print(line)
