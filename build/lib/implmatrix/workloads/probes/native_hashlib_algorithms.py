# category: native
# feature: hashlib md5/sha1/sha256/sha512/blake2b/sha3 availability and digests
# since: 2.5 (hashlib), 3.6 (blake2, sha3)
import hashlib

for name in ["md5", "sha1", "sha224", "sha256", "sha384", "sha512", "blake2b", "blake2s", "sha3_256", "shake_128"]:
    ctor = getattr(hashlib, name, None)
    if ctor is None:
        print("%s: missing" % name)
        continue
    try:
        h = ctor(b"abc")
        if name.startswith("shake"):
            d = h.digest(16)
        else:
            d = h.digest()
        print("%s: %s" % (name, "".join("%02x" % c for c in bytearray(d))[:32]))
    except Exception as e:
        print("%s: %s" % (name, type(e).__name__))
try:
    print("blake2b digest_size=16: %s" % "".join("%02x" % c for c in bytearray(hashlib.blake2b(b"abc", digest_size=16).digest())))
except Exception as e:
    print("blake2b digest_size: " + type(e).__name__)
try:
    guaranteed = sorted(getattr(hashlib, "algorithms_guaranteed"))
    print("algorithms_guaranteed=%s" % guaranteed)
except Exception as e:
    print("algorithms_guaranteed: " + type(e).__name__)
try:
    print("pbkdf2_hmac=%s" % "".join("%02x" % c for c in bytearray(hashlib.pbkdf2_hmac("sha256", b"pw", b"salt", 1000, 16))))
except Exception as e:
    print("pbkdf2_hmac: " + type(e).__name__)
