# category: native
# feature: _decimal C accelerator (libmpdec) backing the decimal module
# since: 3.3
import _decimal
import decimal

print("decimal.Decimal is _decimal.Decimal: %s" % (decimal.Decimal is _decimal.Decimal))
print("MAX_PREC=%d" % _decimal.MAX_PREC)
ctx = _decimal.Context(prec=50)
print("1/3 prec50=%s" % ctx.divide(_decimal.Decimal(1), _decimal.Decimal(3)))
print("big power digits=%d" % len(str(_decimal.Decimal(7) ** 500)))
print("HAVE_THREADS=%s" % getattr(_decimal, "HAVE_THREADS", "n/a"))
print("HAVE_CONTEXTVAR=%s" % getattr(_decimal, "HAVE_CONTEXTVAR", "n/a"))
print("__libmpdec_version__ present: %s" % hasattr(_decimal, "__libmpdec_version__"))
