# category: stdlib
# feature: re.sub with a replacement function and count
# since: 1.5
import re

def double(m):
    return str(int(m.group(0)) * 2)

print(re.sub(r"\d+", double, "a1 b22 c333"))
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "joe@example bob@test"))
try:
    print(re.sub(r"x", "-", "xaxbxc", count=2))
except Exception as e:
    print("count: " + type(e).__name__)
try:
    print("subn=%s" % list(re.subn(r"o", "0", "foo boo")))
except Exception as e:
    print("subn: " + type(e).__name__)
try:
    print(re.sub(r"(?P<w>[a-z]+)", r"<\g<w>>", "ab 12 cd"))
except Exception as e:
    print("\\g<name>: " + type(e).__name__)
try:
    print(repr(re.sub(r"x*", "-", "abc")))
except Exception as e:
    print("empty matches: " + type(e).__name__)
