# category: concurrency
# feature: os.fork availability and a forked child's exit status
# since: 1.0
import os

print("hasattr(os, 'fork')=%s" % hasattr(os, "fork"))
print("hasattr(os, 'waitpid')=%s" % hasattr(os, "waitpid"))
if hasattr(os, "fork"):
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.write(w, b"hello from child")
        os.close(w)
        os._exit(7)
    os.close(w)
    data = os.read(r, 100)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    print("child said: %s" % data.decode("ascii"))
    print("exit status=%d" % os.WEXITSTATUS(status))
