# category: syntax
# feature: structural pattern matching (match/case)
# since: 3.10 (PEP 634)
"""Literal, capture, sequence, mapping, class, or, as, guard and wildcard patterns."""


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


def describe(obj):
    match obj:
        case 0 | 1:
            return "small int %r" % (obj,)
        case str() as s if len(s) > 3:
            return "long str " + s
        case str():
            return "short str"
        case [x, y]:
            return "pair %r %r" % (x, y)
        case [first, *rest]:
            return "seq first=%r rest=%r" % (first, rest)
        case {"type": "circle", "r": r}:
            return "circle r=%r" % (r,)
        case {"type": t, **others}:
            return "mapping type=%r others=%r" % (t, sorted(others.items()))
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return "on y axis %r" % (yy,)
        case Point(xx, yy) if xx == yy:
            return "diagonal %r" % (xx,)
        case Point():
            return "other point"
        case None:
            return "none"
        case float(v) | complex(v):
            return "number %r" % (v,)
        case _:
            return "other %s" % type(obj).__name__


samples = [0, 1, True, "hello", "hi", [1, 2], (1, 2, 3), [], {"type": "circle", "r": 2},
           {"type": "sq", "side": 3, "c": 1}, Point(0, 0), Point(0, 5), Point(3, 3),
           Point(1, 2), None, 2.5, {1, 2}, b"ab"]
for s in samples:
    print(describe(s))

command = "go north"
match command.split():
    case ["go", ("north" | "south") as direction]:
        print("moving " + direction)
    case _:
        print("unknown")

match 3:
    case n if n > 5:
        print("big")
    case n:
        print("bound n=%d" % n)
