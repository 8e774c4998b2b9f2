# category: builtins
# feature: range objects: len, indexing, slicing, containment, equality
# since: 3.2 (range slicing, index, count; collections.abc.Sequence)
"""range is a lazy sequence: slicing returns a range, huge ranges work, equality compares values."""

INT_TYPES = (int, type(2 ** 100))


def show(label, fn):
    try:
        r = fn()
        s = str(r) if isinstance(r, INT_TYPES) else repr(r)
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


r = range(0, 20, 3)
show("repr", lambda: r)
show("len", lambda: len(r))
show("list", lambda: list(r))
show("r[2]", lambda: r[2])
show("r[-1]", lambda: r[-1])
show("index(9)", lambda: r.index(9))
show("count(9)", lambda: r.count(9))
show("index(10)", lambda: r.index(10))
show("r[1:4]", lambda: r[1:4])
show("r[::-1]", lambda: r[::-1])
show("9 in r", lambda: 9 in r)
show("10 in r", lambda: 10 in r)
show("start stop step", lambda: (r.start, r.stop, r.step))
show("huge last", lambda: str(range(10 ** 20)[-1]))
show("huge len", lambda: len(range(10 ** 10)))
show("too huge len", lambda: len(range(10 ** 20)))
show("equal", lambda: range(5) == range(0, 5, 1))
show("empty equal", lambda: range(0) == range(2, 2))
show("step equal", lambda: range(0, 3, 2) == range(0, 4, 2))
show("negative", lambda: list(range(10, 0, -4)))
show("out of range", lambda: range(3)[5])
show("reversed", lambda: list(reversed(range(3))))
show("zero step", lambda: range(1, 2, 0))
show("float arg", lambda: range(1.5))
