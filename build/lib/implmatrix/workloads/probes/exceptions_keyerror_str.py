# category: exceptions
# feature: str() of KeyError quotes its key; messages of common lookup errors
# since: 2.5
"""KeyError.__str__ uses repr of a single argument; IndexError/AttributeError/NameError texts."""
for k in ["key", 42, ("a", 1), "", None]:
    try:
        {}[k]
    except KeyError as e:
        print("str=%s repr=%s args=%r" % (str(e), repr(e), e.args))
print(repr(str(KeyError())))
print(str(KeyError("a", "b")))
try:
    [][1]
except IndexError as e:
    print(str(e))
try:
    "abc"[10]
except IndexError as e:
    print(str(e))
try:
    None.foo
except AttributeError as e:
    print(str(e))
try:
    undefined_name_xyz
except NameError as e:
    print(str(e))
try:
    int("abc")
except ValueError as e:
    print(str(e))
try:
    {}.pop("gone")
except KeyError as e:
    print(str(e))
