# category: runtime
# feature: frame introspection with sys._getframe and traceback frames
# since: 2.1 (sys._getframe)
import sys


def inner(a, b=2):
    f = sys._getframe(0)
    print("co_name=%s" % f.f_code.co_name)
    print("caller=%s" % sys._getframe(1).f_code.co_name)
    print("locals=%s" % sorted(f.f_locals))
    print("co_varnames=%s argcount=%d" % (list(f.f_code.co_varnames[:2]), f.f_code.co_argcount))
    print("f_lineno type=%s" % type(f.f_lineno).__name__)
    print("f_back is caller: %s" % (f.f_back.f_code is outer.__code__))
    print("module frame name=%s" % sys._getframe(2).f_code.co_name)
    return f


def outer():
    return inner(1)


f = outer()
try:
    raise ValueError("x")
except ValueError:
    tb = sys.exc_info()[2]
    print("tb frame name=%s" % tb.tb_frame.f_code.co_name)
print("co_filename endswith probe: %s" % f.f_code.co_filename.endswith("runtime_frame_introspection.py"))
try:
    sys._getframe(100)
except ValueError:
    print("too deep: ValueError")
print("f_globals is module globals: %s" % (f.f_globals is globals()))
