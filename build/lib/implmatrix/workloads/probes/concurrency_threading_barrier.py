# category: concurrency
# feature: threading.Barrier synchronising a fixed number of threads
# since: 3.2
import threading

N = 3
barrier = threading.Barrier(N)
phases = []
lock = threading.Lock()
indices = []


def work(n):
    with lock:
        phases.append("before")
    idx = barrier.wait(5)
    with lock:
        indices.append(idx)
        phases.append("after")


ts = [threading.Thread(target=work, args=(i,)) for i in range(N)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print("phases=%s" % phases)
print("wait() indices sorted=%s" % sorted(indices))
print("parties=%d broken=%s" % (barrier.parties, barrier.broken))
b2 = threading.Barrier(2)
try:
    b2.wait(0.01)
except threading.BrokenBarrierError:
    print("timeout breaks barrier: BrokenBarrierError broken=%s" % b2.broken)
