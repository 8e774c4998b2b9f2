# category: exceptions
# feature: finally runs after return; a return in finally overrides the try's return value
# since: 2.0 (3.14 warns at compile time, PEP 765)
"""Order of evaluation of return expressions and finally blocks, mutable vs rebound values."""
log = []


def f():
    try:
        return "try"
    finally:
        return "finally"


print(f())


def g():
    try:
        log.append("try")
        return log.append("return expression evaluated") or "value"
    finally:
        log.append("finally")


print(g())
print(log)


def mutate():
    x = [1]
    try:
        return x
    finally:
        x.append(2)


def rebind():
    x = 1
    try:
        return x
    finally:
        x = 2


print(mutate())
print(rebind())


def nested():
    try:
        try:
            return "inner"
        finally:
            log.append("inner finally")
    finally:
        log.append("outer finally")


print(nested())
print(log[-2:])
