# category: native
# feature: os.urandom, random.SystemRandom and secrets (kernel entropy source)
# since: 2.4 (urandom), 3.6 (secrets, PEP 506)
import os
import random

b = os.urandom(8)
print("len=%d type=%s" % (len(b), type(b).__name__))
print("urandom(0) len=%d" % len(os.urandom(0)))
print("two calls differ: %s" % (os.urandom(16) != os.urandom(16)))
r = random.SystemRandom()
v = r.randint(1, 6)
print("SystemRandom randint in range: %s" % (1 <= v <= 6))
try:
    print("getrandom present: %s" % hasattr(os, "getrandom"))
    import secrets
    print("token_hex(4) len=%d" % len(secrets.token_hex(4)))
except ImportError:
    print("secrets: ImportError")
