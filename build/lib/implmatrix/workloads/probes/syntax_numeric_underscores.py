# category: syntax
# feature: underscores in numeric literals, int()/float() and format specs
# since: 3.6 (PEP 515)
"""1_000_000 in literals of every base, in int()/float() parsing, and the '_' format option."""
print(1_000_000)
print(0x_FF_FF)
print(0b_1010_1010)
print(0o_7_7)
print(1_0.0_1)
print(1e1_0)
print(1_2j)
print(int("1_000"))
print(float("1_5.2_5"))
print(int("ff_ff", 16))
print(int("0x_ff", 16))
print(int("0b_11", 0))
print("{:_}".format(1234567))
print("{:,}".format(1234567))
print("{:_x}".format(0xDEADBEEF))
print("{:_.2f}".format(1234567.125))
for bad in ["1__0", "_10", "10_", "1_.5"]:
    try:
        int(bad) if "." not in bad else float(bad)
        print("accepted %r" % bad)
    except ValueError:
        print("ValueError %r" % bad)
