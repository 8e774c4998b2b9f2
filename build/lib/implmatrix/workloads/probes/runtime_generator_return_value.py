# category: runtime
# feature: generator return value carried by StopIteration.value and yield from
# since: 3.3 (PEP 380)


def returns():
    yield 1
    return "done"


it = returns()
print("first=%d" % next(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration.value=%s args=%s" % (e.value, list(e.args)))


def delegator():
    result = yield from returns()
    yield "delegate got " + result


print("yield from=%s" % list(delegator()))


def bare():
    yield 1
    return


b = bare()
next(b)
try:
    next(b)
except StopIteration as e:
    print("bare return value=%s" % e.value)


def raises_stop():
    yield 1
    raise StopIteration("leak")


try:
    print(list(raises_stop()))
except RuntimeError:
    print("StopIteration inside generator: RuntimeError (PEP 479)")
