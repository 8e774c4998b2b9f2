# category: concurrency
# feature: threading.active_count, enumerate, current_thread, main_thread after joins
# since: 2.6 (active_count), 3.4 (main_thread)
import threading

print("initial active_count=%d" % threading.active_count())
barrier_ev = threading.Event()
started = []


def work(n):
    started.append(n)
    barrier_ev.wait(5)


ts = [threading.Thread(target=work, args=(i,), name="worker-%d" % i) for i in range(3)]
for t in ts:
    t.start()
while len(started) < 3:
    threading.Event().wait(0.001)
print("while running active_count=%d" % threading.active_count())
print("names=%s" % sorted(t.name for t in threading.enumerate() if t.name.startswith("worker")))
barrier_ev.set()
for t in ts:
    t.join()
print("after join active_count=%d" % threading.active_count())
print("current is main: %s name=%s" % (threading.current_thread() is threading.main_thread(), threading.current_thread().name))
d = threading.Thread(target=lambda: None, daemon=True)
print("daemon flag=%s" % d.daemon)
d.start()
d.join()
print("ident is int after start: %s" % isinstance(d.ident, int))
