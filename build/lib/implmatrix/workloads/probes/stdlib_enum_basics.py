# category: stdlib
# feature: enum Enum, IntEnum, Flag, auto, unique
# since: 3.4 (PEP 435), 3.6 (Flag, auto)
import enum


class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1


print("str=%s repr=%s" % (str(Color.RED), repr(Color.GREEN)))
print("name=%s value=%d" % (Color.BLUE.name, Color.BLUE.value))
print("members=%s" % [c.name for c in Color])
print("alias is canonical: %s" % (Color.CRIMSON is Color.RED))
print("lookup by value=%s by name=%s" % (Color(2).name, Color["BLUE"].name))
print("== 1: %s" % (Color.RED == 1))


class Level(enum.IntEnum):
    LOW = 1
    HIGH = 2


print("IntEnum == 2: %s, sum=%d, str=%s, format=%s" % (Level.HIGH == 2, Level.LOW + Level.HIGH, str(Level.LOW), "{}".format(Level.LOW)))


class Perm(enum.Flag):
    R = enum.auto()
    W = enum.auto()
    X = enum.auto()


rw = Perm.R | Perm.W
print("flag values=%s" % [p.value for p in Perm])
print("R in rw: %s, X in rw: %s, rw value=%d" % (Perm.R in rw, Perm.X in rw, rw.value))
print("repr(rw)=%s" % repr(rw))
try:
    print("list(rw)=%s" % [p.name for p in rw])
except Exception as e:
    print("iterate flag: " + type(e).__name__)
try:
    @enum.unique
    class Dup(enum.Enum):
        A = 1
        B = 1
    print("unique: no error")
except ValueError:
    print("unique: ValueError")
try:
    Color(9)
except ValueError:
    print("bad value: ValueError")
