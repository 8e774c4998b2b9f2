# category: exceptions
# feature: how chained exceptions are rendered by the traceback module
# since: 3.0 (PEP 3134); notes shown 3.11 (PEP 678)
"""The separator lines of traceback.format_exception for __cause__, __context__ and from None."""
import traceback


def separators(exc):
    lines = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__)).splitlines()
    keep = [l for l in lines if l and not l.startswith(" ") and not l.startswith("Traceback")]
    return keep


try:
    try:
        raise KeyError("inner")
    except KeyError as e:
        raise ValueError("outer") from e
except ValueError as e:
    print(separators(e))
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("outer")
except ValueError as e:
    print(separators(e))
try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise ValueError("outer") from None
except ValueError as e:
    print(separators(e))
print(traceback.format_exception_only(ValueError, ValueError("only")))
noted = ValueError("with notes")
try:
    noted.add_note("a note")
except AttributeError:
    pass
print(traceback.format_exception_only(ValueError, noted))
