# category: native
# feature: select.select/poll/epoll availability and readiness on a pipe
# since: 1.4 (select), 2.6 (epoll)
import os
import select

for name in ["select", "poll", "epoll", "kqueue", "devpoll"]:
    print("select.%s present: %s" % (name, hasattr(select, name)))
r, w = os.pipe()
print("select before write=%s" % [len(x) for x in select.select([r], [], [], 0)])
os.write(w, b"x")
rl, wl, xl = select.select([r], [w], [], 1)
print("select after write: readable=%s writable=%s" % (rl == [r], wl == [w]))
if hasattr(select, "poll"):
    p = select.poll()
    p.register(r, select.POLLIN)
    ev = p.poll(1000)
    print("poll events=%s" % [(fd == r, bool(e & select.POLLIN)) for fd, e in ev])
if hasattr(select, "epoll"):
    ep = select.epoll()
    ep.register(r, select.EPOLLIN)
    print("epoll events=%d" % len(ep.poll(1)))
    ep.close()
os.close(r)
os.close(w)
