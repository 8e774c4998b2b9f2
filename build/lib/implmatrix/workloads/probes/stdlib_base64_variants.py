# category: stdlib
# feature: base64 standard, urlsafe, base32, base16 and ascii85 encodings
# since: 2.4 (b64encode), 3.4 (a85/b85)
import base64

raw = bytes(bytearray(range(250, 256))) + b"hello?>"


def s(b):
    return b.decode("ascii")


print("b64=%s" % s(base64.b64encode(raw)))
print("urlsafe=%s" % s(base64.urlsafe_b64encode(raw)))
print("roundtrip=%s" % (base64.b64decode(base64.b64encode(raw)) == raw))
try:
    print("b32=%s" % s(base64.b32encode(b"hello")))
    print("b16=%s" % s(base64.b16encode(b"hello")))
except Exception as e:
    print("b32/b16: " + type(e).__name__)
try:
    print("a85=%s" % s(base64.a85encode(b"hello world")))
    print("b85=%s" % s(base64.b85encode(b"hello world")))
except Exception as e:
    print("a85/b85: " + type(e).__name__)
try:
    base64.b64decode(b"abc")
    print("bad padding: accepted")
except Exception as e:
    print("bad padding: " + type(e).__name__)
try:
    print("validate=%s" % base64.b64decode(b"aGk=\n", validate=True))
except Exception as e:
    print("validate: " + type(e).__name__)
print("no-newline=%s" % s(base64.b64encode(b"x" * 60))[-8:])
