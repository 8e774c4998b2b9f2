# category: native
# feature: ssl module availability and OpenSSL linkage (no network)
# since: 2.6
import ssl

print("OPENSSL_VERSION startswith OpenSSL: %s" % ssl.OPENSSL_VERSION.startswith("OpenSSL"))
try:
    ctx = ssl.create_default_context()
    print("default context verify_mode is CERT_REQUIRED: %s" % (ctx.verify_mode == ssl.CERT_REQUIRED))
    print("check_hostname=%s" % ctx.check_hostname)
except Exception as e:
    print("create_default_context: " + type(e).__name__)
print("HAS_SNI=%s" % getattr(ssl, "HAS_SNI", "n/a"))
try:
    print("PROTOCOL_TLS_CLIENT present: %s" % hasattr(ssl, "PROTOCOL_TLS_CLIENT"))
    print("TLSVersion.TLSv1_3 present: %s" % hasattr(ssl.TLSVersion, "TLSv1_3"))
except AttributeError:
    print("TLSVersion: AttributeError")
