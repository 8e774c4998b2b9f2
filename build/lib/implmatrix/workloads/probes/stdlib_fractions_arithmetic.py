# category: stdlib
# feature: fractions.Fraction arithmetic and conversions
# since: 2.6
from fractions import Fraction

a = Fraction(3, 4)
b = Fraction("5/6")
print("a+b=%s a*b=%s a/b=%s a-b=%s" % (a + b, a * b, a / b, a - b))
print("normalized=%s negative=%s" % (Fraction(10, -4), Fraction(-1, 3)))
print("from float=%s" % Fraction(0.25))
print("from decimal string=%s" % Fraction("1.125"))
print("0.1 float=%s" % Fraction(0.1))
print("limit_denominator=%s" % Fraction(3.141592653589793).limit_denominator(1000))
print("pow=%s neg pow=%s" % (a ** 2, a ** -2))
print("float()=%r" % float(Fraction(1, 3)))
print("compare with float: %s %s" % (Fraction(1, 2) == 0.5, Fraction(1, 3) < 0.34))
print("numerator=%d denominator=%d" % (b.numerator, b.denominator))
print("int()=%d round=%s" % (int(Fraction(-7, 2)), round(Fraction(7, 2))))
try:
    Fraction(1, 0)
    print("zero denominator accepted")
except Exception as e:
    print("zero denominator: " + type(e).__name__)
try:
    print("as_integer_ratio=%s" % list(Fraction(6, 4).as_integer_ratio()))
except Exception as e:
    print("as_integer_ratio: " + type(e).__name__)
print("hash equal to int: %s" % (hash(Fraction(4, 2)) == hash(2)))
