# category: concurrency
# feature: queue.Queue producer/consumer with sentinel, task_done and join
# since: 2.3 (Queue), 3.0 (queue module name)
import queue
import threading

q = queue.Queue(maxsize=5)
out = queue.Queue()
SENTINEL = None


def producer():
    for i in range(50):
        q.put(i)
    q.put(SENTINEL)


def consumer():
    while True:
        item = q.get()
        if item is SENTINEL:
            q.task_done()
            break
        out.put(item * item)
        q.task_done()


tp = threading.Thread(target=producer)
tc = threading.Thread(target=consumer)
tp.start()
tc.start()
q.join()
tp.join()
tc.join()
got = []
while not out.empty():
    got.append(out.get_nowait())
print("received %d items, sum=%d, in order=%s" % (len(got), sum(got), got == sorted(got)))
try:
    queue.Queue().get(timeout=0.01)
except queue.Empty:
    print("get timeout: queue.Empty")
lq = queue.LifoQueue()
pq = queue.PriorityQueue()
for x in [3, 1, 2]:
    lq.put(x)
    pq.put(x)
print("LIFO=%s priority=%s" % ([lq.get() for _ in range(3)], [pq.get() for _ in range(3)]))
full = queue.Queue(maxsize=1)
full.put(1)
try:
    full.put_nowait(2)
except queue.Full:
    print("put_nowait on full: queue.Full")
