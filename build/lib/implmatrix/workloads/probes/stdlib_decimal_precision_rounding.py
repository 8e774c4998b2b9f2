# category: stdlib
# feature: decimal context precision and rounding modes
# since: 2.4 (PEP 327)
import decimal
from decimal import Decimal

print("0.1+0.2=%s" % (Decimal("0.1") + Decimal("0.2")))
print("from float 0.1=%s" % Decimal(0.1))
ctx = decimal.getcontext()
print("default prec=%d rounding=%s" % (ctx.prec, ctx.rounding))
ctx.prec = 6
print("1/7 prec6=%s" % (Decimal(1) / Decimal(7)))
ctx.prec = 40
print("1/7 prec40=%s" % (Decimal(1) / Decimal(7)))
ctx.prec = 28
for mode in ["ROUND_HALF_EVEN", "ROUND_HALF_UP", "ROUND_DOWN", "ROUND_CEILING", "ROUND_FLOOR"]:
    vals = [str(Decimal(v).quantize(Decimal("1"), rounding=getattr(decimal, mode))) for v in ["2.5", "3.5", "-2.5"]]
    print("%s: %s" % (mode, vals))
print("quantize cents=%s" % Decimal("1.005").quantize(Decimal("0.01")))
print("sqrt(2)=%s" % Decimal(2).sqrt())
print("exp form=%s normalize=%s" % (Decimal("1.2E+3"), Decimal("120.00").normalize()))
print("tuple=%s" % str(Decimal("-3.14").as_tuple()))
try:
    Decimal(1) / Decimal(0)
    print("div by zero: no error")
except Exception as e:
    print("div by zero: " + type(e).__name__)
with decimal.localcontext() as lc:
    lc.prec = 3
    print("localcontext 2/3=%s" % (Decimal(2) / Decimal(3)))
print("after localcontext 2/3=%s" % (Decimal(2) / Decimal(3)))
print("nan compare=%s inf=%s" % (Decimal("NaN") == Decimal("NaN"), Decimal("-Infinity")))
