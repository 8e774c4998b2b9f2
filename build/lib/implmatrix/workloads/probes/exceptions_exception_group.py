# category: exceptions
# feature: ExceptionGroup / BaseExceptionGroup construction, split and subgroup
# since: 3.11 (PEP 654)
"""Nested exception groups, str/repr, split() by type or predicate, automatic base class choice."""
eg = ExceptionGroup("multi", [ValueError(1), TypeError("t"),
                              ExceptionGroup("inner", [KeyError("k"), ValueError(2)])])
print(str(eg))
print(repr(eg.message))
print(len(eg.exceptions))
print(repr(eg))
match, rest = eg.split(ValueError)
print(repr(match))
print(repr(rest))
sub = eg.subgroup(lambda e: isinstance(e, KeyError))
print(repr(sub))
print(eg.subgroup(OSError))
print(type(BaseExceptionGroup("x", [ValueError()])).__name__)
print(type(BaseExceptionGroup("x", [KeyboardInterrupt()])).__name__)
print(issubclass(ExceptionGroup, Exception))
print(issubclass(BaseExceptionGroup, Exception))
for args in [("x", []), ("x", [KeyboardInterrupt()]), ("x", ValueError()), (1, [ValueError()])]:
    try:
        ExceptionGroup(*args)
        print("accepted")
    except Exception as e:
        print(type(e).__name__)
d = eg.derive([IndexError("new")])
print(repr(d))
