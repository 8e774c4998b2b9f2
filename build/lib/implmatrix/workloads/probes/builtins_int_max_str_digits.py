# category: builtins
# feature: limit on int<->str conversion length (sys.set_int_max_str_digits)
# since: 3.11 (CVE-2020-10735)
"""A 5000-digit int cannot be converted to str by default; hex() is not limited."""
import sys
big = 10 ** 4999
print(len("%x" % big))
try:
    s = str(big)
    print("str ok, %d digits" % len(s))
except Exception as e:
    print("str(5000 digits): " + type(e).__name__)
try:
    n = int("7" * 5000)
    print("int ok, bit_length %d" % n.bit_length())
except Exception as e:
    print("int(5000 digits): " + type(e).__name__)
try:
    print("limit %d" % sys.get_int_max_str_digits())
    sys.set_int_max_str_digits(6000)
    print("raised limit, len %d" % len(str(big)))
    sys.set_int_max_str_digits(0)
    print("unlimited, len %d" % len(str(10 ** 9999)))
    try:
        sys.set_int_max_str_digits(100)
    except ValueError:
        print("ValueError: below threshold")
except AttributeError:
    print("no sys.get_int_max_str_digits")
print(len(str(10 ** 4299)))
