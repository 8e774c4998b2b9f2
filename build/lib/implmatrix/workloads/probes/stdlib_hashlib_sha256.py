# category: stdlib
# feature: hashlib sha256 digests of bytes, incremental update
# since: 2.5
import hashlib


def hexd(h):
    try:
        return h.hexdigest()
    except AttributeError:
        return "(no hexdigest) " + "".join("%02x" % c for c in bytearray(h.digest()))


print("empty=%s" % hexd(hashlib.sha256(b"")))
print("abc=%s" % hexd(hashlib.sha256(b"abc")))
h = hashlib.sha256()
h.update(b"hello ")
h.update(b"world")
print("incremental=%s" % hexd(h))
print("oneshot=%s" % hexd(hashlib.sha256(b"hello world")))
print("million a=%s" % hexd(hashlib.sha256(b"a" * 1000000)))
try:
    print("name=%s digest_size=%d block_size=%d" % (h.name, h.digest_size, h.block_size))
except Exception as e:
    print("attributes: " + type(e).__name__)
try:
    c = h.copy()
    c.update(b"!")
    print("copy differs=%s" % (hexd(c) != hexd(h)))
except Exception as e:
    print("copy: " + type(e).__name__)
try:
    print("new('sha256')=%s" % hexd(hashlib.new("sha256", b"abc"))[:16])
except Exception as e:
    print("new: " + type(e).__name__)
