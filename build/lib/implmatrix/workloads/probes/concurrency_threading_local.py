# category: concurrency
# feature: threading.local per-thread attributes
# since: 2.4
import threading

local = threading.local()
local.value = "main"
results = {}
lock = threading.Lock()


def work(n):
    before = getattr(local, "value", None)
    local.value = "thread-%d" % n
    with lock:
        results[n] = (before, local.value)


threads = [threading.Thread(target=work, args=(i,)) for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for n in sorted(results):
    print("thread %d saw before=%s after=%s" % (n, results[n][0], results[n][1]))
print("main still sees %s" % local.value)


class MyLocal(threading.local):
    def __init__(self):
        self.inits = 1


ml = MyLocal()
seen = []


def w2():
    seen.append(ml.inits)


t = threading.Thread(target=w2)
t.start()
t.join()
print("subclass __init__ runs per thread: %s" % seen)
