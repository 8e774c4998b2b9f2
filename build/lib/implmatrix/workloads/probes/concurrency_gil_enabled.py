# category: concurrency
# feature: sys._is_gil_enabled() (free-threaded build detection)
# since: 3.13 (PEP 703)
import sys

try:
    print("sys._is_gil_enabled()=%s" % sys._is_gil_enabled())
except AttributeError as e:
    print("sys._is_gil_enabled: AttributeError")
try:
    import sysconfig
    print("Py_GIL_DISABLED=%s" % sysconfig.get_config_var("Py_GIL_DISABLED"))
except ImportError:
    print("sysconfig: ImportError")
