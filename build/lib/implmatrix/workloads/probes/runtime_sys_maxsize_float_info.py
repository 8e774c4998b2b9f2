# category: runtime
# feature: sys.maxsize, sys.float_info, sys.int_info, float epsilon
# since: 2.6 (maxsize, float_info), 3.1 (int_info)
import sys

print("maxsize == 2**63-1: %s" % (sys.maxsize == 2 ** 63 - 1))
print("maxsize bits=%d" % (len(bin(sys.maxsize)) - 2))
try:
    fi = sys.float_info
    print("mant_dig=%d dig=%d max_exp=%d min_exp=%d radix=%d" % (fi.mant_dig, fi.dig, fi.max_exp, fi.min_exp, fi.radix))
    print("epsilon=%r max=%r min=%r" % (fi.epsilon, fi.max, fi.min))
except Exception as e:
    print("float_info: " + type(e).__name__)
try:
    print("int_info bits_per_digit=%d sizeof_digit=%d" % (sys.int_info.bits_per_digit, sys.int_info.sizeof_digit))
except Exception as e:
    print("int_info: " + type(e).__name__)
print("1.0 + 2**-52 > 1.0: %s" % (1.0 + 2.0 ** -52 > 1.0))
print("1.0 + 2**-53 > 1.0: %s" % (1.0 + 2.0 ** -53 > 1.0))
print("float(2**53)+1 == 2**53: %s" % (float(2 ** 53) + 1 == 2 ** 53))
try:
    print("maxunicode=%d" % sys.maxunicode)
except AttributeError:
    print("maxunicode: AttributeError")
