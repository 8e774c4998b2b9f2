# category: stdlib
# feature: typing constructs at runtime (get_type_hints, get_origin, NamedTuple, TypedDict, Protocol)
# since: 3.5 (PEP 484), 3.8 (get_origin, Protocol, TypedDict)
import typing
from typing import Dict, List, Optional, Union


def f(x: int, y: Optional[str] = None) -> List[int]:
    return [x]


hints = typing.get_type_hints(f)
print("hint keys=%s" % sorted(hints))
print("return=%s" % repr(hints["return"]))
print("y=%s" % repr(hints["y"]))
print("origin=%s args=%s" % (typing.get_origin(Dict[str, int]), typing.get_args(Dict[str, int])))
print("union args=%s" % (typing.get_args(Union[int, str]),))
print("builtin generic=%s" % repr(list[int]))
try:
    print("pipe union=%s" % repr(int | None))
except Exception as e:
    print("pipe union: " + type(e).__name__)


class P(typing.NamedTuple):
    a: int
    b: str = "x"


print("NamedTuple=%s fields=%s" % (repr(P(1)), P._fields))


class TD(typing.TypedDict):
    k: int


print("TypedDict instance type=%s" % type(TD(k=1)).__name__)


@typing.runtime_checkable
class Closable(typing.Protocol):
    def close(self) -> None: ...


class Thing:
    def close(self):
        pass


print("Protocol isinstance=%s %s" % (isinstance(Thing(), Closable), isinstance(3, Closable)))
T = typing.TypeVar("T")
print("TypeVar=%s" % repr(T))
print("cast=%s" % typing.cast(str, 5))
print("TYPE_CHECKING=%s" % typing.TYPE_CHECKING)
