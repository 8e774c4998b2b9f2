# category: stdlib
# feature: dataclasses repr, eq, order, frozen, field defaults
# since: 3.7 (PEP 557)
import dataclasses
from dataclasses import dataclass, field


@dataclass
class Item:
    name: str
    price: float = 0.0
    tags: list = field(default_factory=list)


@dataclass(order=True, frozen=True)
class Version:
    major: int
    minor: int = 0


a = Item("pen", 1.5)
print(repr(a))
print("eq: %s" % (a == Item("pen", 1.5)))
a.tags.append("x")
print("separate default lists: %s" % Item("b").tags)
print("asdict=%s" % sorted(dataclasses.asdict(a).items()))
print("astuple=%s" % repr(dataclasses.astuple(a)))
print("fields=%s" % [f.name for f in dataclasses.fields(Item)])
print("order: %s" % sorted([Version(1, 2), Version(1, 0), Version(0, 9)]))
v = Version(2)
try:
    v.major = 3
    print("frozen assignment allowed")
except dataclasses.FrozenInstanceError:
    print("frozen: FrozenInstanceError")
print("hashable frozen: %s" % (hash(v) == hash(Version(2, 0))))
print("replace=%s" % repr(dataclasses.replace(v, minor=5)))
print("is_dataclass=%s %s" % (dataclasses.is_dataclass(v), dataclasses.is_dataclass(3)))
try:
    @dataclass
    class Bad:
        x: list = []
    print("mutable default allowed")
except ValueError:
    print("mutable default: ValueError")
try:
    @dataclass(slots=True, kw_only=True)
    class S:
        a: int
    print("slots/kw_only: %s has __slots__=%s" % (repr(S(a=1)), hasattr(S, "__slots__")))
except Exception as e:
    print("slots/kw_only: " + type(e).__name__)
