# category: syntax
# feature: parenthesized multi-item with statements
# since: 3.10 (bpo-12782, PEG parser)
"""with (A() as a, B() as b,): across lines, with a trailing comma; exit order is reversed."""
log = []


class CM:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        log.append("enter " + self.name)
        return self.name

    def __exit__(self, *exc):
        log.append("exit " + self.name)
        return False


with (
    CM("a") as a,
    CM("b") as b,
    CM("c"),
):
    log.append("body %s %s" % (a, b))

with (CM("single")):
    log.append("body single")

with (CM("x") as x, CM("y")):
    log.append("body " + x)
for line in log:
    print(line)
