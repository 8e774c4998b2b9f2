# category: runtime
# feature: sys.implementation attributes and platform identification
# since: 3.3 (PEP 421)
import sys

impl = getattr(sys, "implementation", None)
print("has sys.implementation: %s" % (impl is not None))
if impl is not None:
    print("name=%s" % impl.name)
    print("has version: %s, cache_tag present: %s" % (hasattr(impl, "version"), hasattr(impl, "cache_tag")))
    try:
        print("version major=%d" % impl.version[0])
    except Exception as e:
        print("version: " + type(e).__name__)
    print("_multiarch present: %s" % hasattr(impl, "_multiarch"))
print("sys.version_info major=%d" % sys.version_info[0])
print("sys.platform=%s" % sys.platform)
print("sys.byteorder=%s" % sys.byteorder)
print("hexversion present: %s" % hasattr(sys, "hexversion"))
print("api_version present: %s" % hasattr(sys, "api_version"))
