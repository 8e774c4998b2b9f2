# category: concurrency
# feature: threading.Event and threading.Condition signalling
# since: 1.5
import threading

ev = threading.Event()
log = []
log_lock = threading.Lock()


def waiter(n):
    ok = ev.wait(5)
    with log_lock:
        log.append((n, ok))


ts = [threading.Thread(target=waiter, args=(i,)) for i in range(3)]
for t in ts:
    t.start()
print("is_set before=%s" % ev.is_set())
ev.set()
for t in ts:
    t.join()
print("waiters woke=%s" % sorted(log))
print("wait on set event returns %s" % ev.wait(0))
ev.clear()
print("wait timeout returns %s" % ev.wait(0.01))

cond = threading.Condition()
items = []
consumed = []


def consumer():
    with cond:
        while len(consumed) < 5:
            while not items:
                cond.wait(5)
            consumed.append(items.pop(0))


c = threading.Thread(target=consumer)
c.start()
for i in range(5):
    with cond:
        items.append(i * 10)
        cond.notify()
c.join()
print("condition consumed=%s" % consumed)
with cond:
    try:
        r = cond.wait_for(lambda: True, 1)
        print("wait_for returns %s" % r)
    except AttributeError:
        print("wait_for: AttributeError")
b = threading.Semaphore(2)
print("semaphore acquires=%s" % [b.acquire(False) for _ in range(3)])
