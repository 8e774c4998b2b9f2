# category: native
# feature: binascii hexlify/unhexlify, base64 lines, crc32, crc_hqx
# since: 1.5
import binascii


def s(b):
    return b.decode("ascii")


print("hexlify=%s" % s(binascii.hexlify(b"\x00\xffAB")))
print("unhexlify=%s" % list(bytearray(binascii.unhexlify(b"deadBEEF"))))
try:
    print("hexlify sep=%s" % s(binascii.hexlify(b"\x01\x02\x03", "-")))
except Exception as e:
    print("hexlify sep: " + type(e).__name__)
print("b2a_base64=%s" % s(binascii.b2a_base64(b"hello")).replace("\n", "<NL>"))
try:
    print("b2a_base64 newline=False=%s" % s(binascii.b2a_base64(b"hello", newline=False)).replace("\n", "<NL>"))
except Exception as e:
    print("newline kwarg: " + type(e).__name__)
print("a2b_base64=%s" % s(binascii.a2b_base64(b"aGVsbG8=")))
print("crc32=%d" % (binascii.crc32(b"hello world") & 0xffffffff))
try:
    print("crc_hqx=%d" % binascii.crc_hqx(b"hello", 0))
except Exception as e:
    print("crc_hqx: " + type(e).__name__)
try:
    binascii.unhexlify(b"abc")
except Exception as e:
    print("odd-length unhexlify: %s" % type(e).__name__)
try:
    binascii.unhexlify(b"zz")
except Exception as e:
    print("non-hex unhexlify: %s" % type(e).__name__)
