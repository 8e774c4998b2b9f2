# category: exceptions
# feature: BaseException.add_note and __notes__
# since: 3.11 (PEP 678)
"""Notes are stored in __notes__ in order and are not part of str(e)."""
try:
    try:
        raise ValueError("base")
    except ValueError as e:
        e.add_note("note one")
        e.add_note("note two")
        raise
except ValueError as e:
    print(repr(e.__notes__))
    print(str(e))
k = KeyError("x")
print(hasattr(k, "__notes__"))
try:
    k.add_note(42)
except TypeError:
    print("TypeError: note must be str")
k.__notes__ = ["manual"]
k.add_note("more")
print(k.__notes__)
