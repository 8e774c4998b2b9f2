# category: builtins
# feature: extended slicing with steps and negative indices
# since: 2.3 (extended slices on built-in sequences)
"""Slices with negative starts/stops/steps, out-of-range clamping and slice.indices()."""


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


s = list(range(10))
t = "abcdefghij"
show("s[::2]", lambda: s[::2])
show("s[1::3]", lambda: s[1::3])
show("s[::-1]", lambda: s[::-1])
show("s[-3:]", lambda: s[-3:])
show("s[:-3]", lambda: s[:-3])
show("s[-1:-5:-1]", lambda: s[-1:-5:-1])
show("s[8:2:-2]", lambda: s[8:2:-2])
show("s[100:]", lambda: s[100:])
show("s[-100:3]", lambda: s[-100:3])
show("s[::-3]", lambda: s[::-3])
show("s[5:5]", lambda: s[5:5])
show("s[7:3]", lambda: s[7:3])
show("t[::-1]", lambda: t[::-1])
show("t[5:1:-1]", lambda: t[5:1:-1])
show("t[-2::-3]", lambda: t[-2::-3])
show("tuple[::-2]", lambda: (1, 2, 3, 4)[::-2])
show("slice object", lambda: s[slice(2, 8, 3)])
show("indices 1", lambda: slice(1, 10, 2).indices(5))
show("indices 2", lambda: slice(None, None, -1).indices(4))
show("indices 3", lambda: slice(-100, 100).indices(6))
show("zero step", lambda: s[::0])
show("huge bounds", lambda: s[-2 ** 70:2 ** 70:2 ** 70])
