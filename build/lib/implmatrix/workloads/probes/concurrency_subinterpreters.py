# category: concurrency
# feature: subinterpreters (concurrent.interpreters public API; _interpreters before 3.14)
# since: 3.14 (PEP 734); private _interpreters in 3.13
import os

try:
    from concurrent import interpreters
    api = "concurrent.interpreters"
except ImportError:
    interpreters = None
    import _interpreters
    api = "_interpreters"
print("api=%s" % api)

path = "/tmp/subinterp_probe_%d.txt" % os.getpid()
code = "open(%r, 'w').write(str(sum(range(101))) + ' ' + __name__)" % path
if interpreters is not None:
    interp = interpreters.create()
    interp.exec(code)
    print("call result=%s" % interp.call(pow, 2, 10))
    interp.close()
else:
    iid = _interpreters.create()
    _interpreters.exec(iid, code)
    _interpreters.destroy(iid)
with open(path) as f:
    print("subinterpreter wrote: %s" % f.read())
os.remove(path)
