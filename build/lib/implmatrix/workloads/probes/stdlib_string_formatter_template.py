# category: stdlib
# feature: string module constants, Template and Formatter
# since: 2.4 (Template, PEP 292), 2.6 (Formatter, PEP 3101)
import string

print("ascii_letters=%s" % string.ascii_letters)
print("digits=%s hexdigits=%s" % (string.digits, string.hexdigits))
print("punctuation=%s" % string.punctuation)
print("whitespace=%s" % [ord(c) for c in string.whitespace])
t = string.Template("$who likes ${what}s, costs $$5")
print(t.substitute(who="tim", what="kung pao"))
try:
    t.substitute(who="x")
    print("missing: no error")
except KeyError as e:
    print("missing: KeyError")
print(t.safe_substitute(who="ann"))
f = string.Formatter()
print(f.format("{0}-{name}-{1:>4}", "a", 7, name="n"))
print("parse=%s" % [list(p) for p in f.parse("x{0:>3}y{k!r}")])
print("capwords=%s" % string.capwords("hello   big world"))
print("{:,} {:08.3f} {:+d} {:x} {:o} {:b} {:e}".format(1234567, 3.14159, 5, 255, 8, 5, 12345.678))
print("{!r:>10}|{:^9}|{:*<6}".format("s", "mid", "ab"))
print("%-6s|%6.2f|%05d|%x|%c" % ("ab", 2.5, 42, 255, 65))
print("{0[1]} {1.real}".format([10, 20], 3))
