# category: runtime
# feature: identity (is) of small ints, computed ints and short strings
# since: implementation detail (CPython small int cache -5..256)


def make(s):
    return int(s)


print("int('7') is int('7'): %s" % (make("7") is make("7")))
print("int('256') is int('256'): %s" % (make("256") is make("256")))
print("int('257') is int('257'): %s" % (make("257") is make("257")))
print("int('-5') is int('-5'): %s" % (make("-5") is make("-5")))
print("int('-6') is int('-6'): %s" % (make("-6") is make("-6")))
a = 1000
b = 999 + 1
print("1000 is 999+1 (folded): %s" % (a is b))
big = [make("100000") for _ in range(2)]
print("two computed 100000 is: %s" % (big[0] is big[1]))
s1 = "hello"
s2 = "hello"
print("equal literals is: %s" % (s1 is s2))
parts = ["hel", "lo"]
s3 = "".join(parts)
print("joined string is literal: %s" % (s3 is s1))
lit_a = "a"
lit_empty = ""
lit_tuple = ()
print("single char chr(97) is 'a': %s" % (chr(97) is lit_a))
print("empty str() is '': %s" % (str() is lit_empty))
print("empty tuple() is (): %s" % (tuple() is lit_tuple))
print("None/True singletons: %s %s" % (None is None, (1 == 1) is True))
f1 = float("1.5")
print("float('1.5') is float('1.5'): %s" % (f1 is float("1.5")))
