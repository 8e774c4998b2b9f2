# category: exceptions
# feature: else clauses on try, for and while
# since: 2.0
"""try/else runs only without exception and outside the handlers; loop else runs without break."""


def attempt(x):
    log = []
    try:
        log.append("try")
        r = 10 // x
    except ZeroDivisionError:
        log.append("except")
    else:
        log.append("else %d" % r)
    finally:
        log.append("finally")
    return log


print(attempt(2))
print(attempt(0))
try:
    try:
        pass
    except ValueError:
        print("not here")
    else:
        raise ValueError("from else")
except ValueError as e:
    print("outer caught " + str(e))


def ret():
    log = []
    try:
        return "returned"
    except Exception:
        pass
    else:
        log.append("else ran")
    return log


print(ret())
for i in range(3):
    pass
else:
    print("for else %d" % i)
for i in range(3):
    if i == 1:
        break
else:
    print("not printed")
n = 0
while n < 2:
    n += 1
else:
    print("while else %d" % n)
for _ in []:
    pass
else:
    print("empty for else")
