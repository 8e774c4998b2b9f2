# category: concurrency
# feature: threading.Thread start/join with a shared counter under a Lock
# since: 1.5
import threading

N_THREADS = 4
N_INCR = 20000
lock = threading.Lock()
state = {"count": 0}


def work():
    for _ in range(N_INCR):
        with lock:
            state["count"] += 1


threads = [threading.Thread(target=work) for _ in range(N_THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("count=%d expected=%d" % (state["count"], N_THREADS * N_INCR))
print("all dead after join: %s" % all(not t.is_alive() for t in threads))
print("lock released: %s" % (not lock.locked()))
print("acquire non-blocking: %s" % lock.acquire(False))
print("second acquire non-blocking: %s" % lock.acquire(False))
lock.release()
r = threading.RLock()
with r:
    with r:
        print("RLock reentrant ok")
