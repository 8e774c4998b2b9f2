# category: builtins
# feature: shortest round-tripping float repr
# since: 3.1 / 2.7 (bpo-1580, David Gay's algorithm)
"""repr(float) is the shortest string that round-trips; exponent switch at 1e16."""
vals = [0.1 + 0.2, 0.1, 1.0 / 3, 2.0 / 3, 1e22, 1e16, 1e15, 123456789012345678.0,
        2.5e-5, 1e-4, 1e-5, 5e-324, 1.7976931348623157e308, -0.0, 100.0, 1.0 / 7,
        2 ** 0.5, 9007199254740993.0, 0.3, 1.1 * 1.1, 3.0e10]
for v in vals:
    print(repr(v))
print(str(0.1 + 0.2))
print(0.1 + 0.2 == 0.3)
print(repr(float("inf")) + " " + repr(float("-inf")) + " " + repr(float("nan")))
print(1e22 == 10 ** 22)
print(1e23 == 10 ** 23)
print("%.17g" % 0.1)
print("%r" % 1e100)
print(repr(float("0.1000000000000000055511151231257827")))
print(float(repr(0.1 + 0.2)) == 0.1 + 0.2)
