# category: builtins
# feature: arbitrary-precision integers and floor division/modulo sign rules
# since: 2.2 (PEP 237, int/long unification)
"""2**200 arithmetic, negative floor division and modulo (result takes the divisor's sign)."""
a = 2 ** 200
print(str(a))
print(str(-a))
print(str(a * a))
print(str(a // 3))
print(str(a % 1000007))
print(str(3 ** 100 - 3 ** 99))
print(str(int("9" * 50) + 1))
for x, y in [(-7, 2), (7, -2), (-7, -2), (7, 2)]:
    print("%d // %d = %d, %d %% %d = %d" % (x, y, x // y, x, y, x % y))
print(str(-a // 7))
print(str(-a % 7))
q, r = divmod(-a, 10 ** 30)
print("%s %s" % (q, r))
print(str(a >> 190))
print(str(-a >> 199))
print(str(~a))
print(str(a & (2 ** 100 + 12345)))
print(str(-(2 ** 70) | 5))
print(str(-(2 ** 70) ^ (2 ** 70)))
print(str(a == 2 ** 100 * 2 ** 100))
print(str(10 ** 40 // -(10 ** 20) == -(10 ** 20)))
print(str(abs(-a) - a))
