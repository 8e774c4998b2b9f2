# category: runtime
# feature: sys.flags fields present (and values of stable ones)
# since: 2.6 (sys.flags); 3.7 utf8_mode/dev_mode, 3.11 safe_path/int_max_str_digits, 3.13 gil, 3.14 thread_inherit_context
import sys

names = [
    "debug", "inspect", "interactive", "optimize", "dont_write_bytecode", "no_user_site",
    "no_site", "ignore_environment", "verbose", "bytes_warning", "quiet", "hash_randomization",
    "isolated", "dev_mode", "utf8_mode", "warn_default_encoding", "safe_path",
    "int_max_str_digits", "gil", "thread_inherit_context", "context_aware_warnings",
    "division_warning", "py3k_warning", "tabcheck", "unicode",
]
flags = getattr(sys, "flags", None)
print("has sys.flags: %s" % (flags is not None))
for n in names:
    print("%s: %s" % (n, hasattr(flags, n)))
for n in ["debug", "optimize", "verbose", "isolated", "dev_mode", "no_site"]:
    print("%s=%s" % (n, getattr(flags, n, "n/a")))
