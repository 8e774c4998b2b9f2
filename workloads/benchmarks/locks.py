"""Locks: an uncontended lock acquired and released in a loop, a counter updated under it."""

# What a lock costs on its own: one thread, nobody waiting. Free-threaded CPython's locks
# cannot lean on the GIL; Jython's are the JVM's; MicroPython's unix port has only _thread.

TAGS = ("threads", "locks")

PAIRS = 200000

try:
    from threading import Lock as _new_lock
except ImportError:  # MicroPython's unix port
    from _thread import allocate_lock as _new_lock

try:
    _range = xrange  # Python 2.7 (Jython): range() would build a list
except NameError:
    _range = range


def run():
    lock = _new_lock()
    held = 0
    count = 0
    for i in _range(PAIRS):
        lock.acquire()
        if lock.locked():
            held += 1
        count += i & 3
        lock.release()
    return (held, count, lock.locked())


def check(value):
    # i & 3 cycles 0, 1, 2, 3: 6 per four pairs
    return value == (PAIRS, PAIRS // 4 * 6, False)
