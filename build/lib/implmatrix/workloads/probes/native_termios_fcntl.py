# category: native
# feature: termios and fcntl modules on a non-tty pipe
# since: 1.4
import fcntl
import os
import termios

r, w = os.pipe()
flags = fcntl.fcntl(r, fcntl.F_GETFL)
print("F_GETFL type=%s" % type(flags).__name__)
fcntl.fcntl(r, fcntl.F_SETFL, flags | os.O_NONBLOCK)
print("O_NONBLOCK set: %s" % bool(fcntl.fcntl(r, fcntl.F_GETFL) & os.O_NONBLOCK))
try:
    os.read(r, 1)
    print("non-blocking read returned")
except (OSError, IOError) as e:
    print("non-blocking empty read: %s" % type(e).__name__)
try:
    termios.tcgetattr(r)
    print("tcgetattr on pipe: ok")
except termios.error as e:
    print("tcgetattr on pipe: termios.error")
print("isatty(pipe)=%s" % os.isatty(r))
print("TCSANOW present: %s, ECHO present: %s" % (hasattr(termios, "TCSANOW"), hasattr(termios, "ECHO")))
print("flock present: %s" % hasattr(fcntl, "flock"))
os.close(r)
os.close(w)
