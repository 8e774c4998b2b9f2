# category: concurrency
# feature: _thread low-level start_new_thread and allocate_lock
# since: 1.0 (thread), 3.0 (_thread)
import _thread
import time

lock = _thread.allocate_lock()
results = []
N = 4
state = {"finished": 0}


def worker(n):
    lock.acquire()
    try:
        results.append(n * n)
        state["finished"] += 1
    finally:
        lock.release()


for i in range(N):
    _thread.start_new_thread(worker, (i,))
deadline = time.time() + 10
while time.time() < deadline:
    lock.acquire()
    finished = state["finished"]
    lock.release()
    if finished == N:
        break
    time.sleep(0.005)
time.sleep(0.05)  # let the threads themselves exit
print("finished=%d" % finished)
print("results=%s" % sorted(results))
print("locked after release: %s" % lock.locked())
print("non-blocking acquire: %s, again: %s" % (lock.acquire(0), lock.acquire(0)))
lock.release()
with lock:
    print("context manager locked: %s" % lock.locked())
print("get_ident type=%s" % type(_thread.get_ident()).__name__)
try:
    print("stack_size()=%d" % _thread.stack_size())
except Exception as e:
    print("stack_size: " + type(e).__name__)
