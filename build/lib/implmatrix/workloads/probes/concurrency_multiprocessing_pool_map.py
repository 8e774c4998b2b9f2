# category: concurrency
# feature: multiprocessing.Pool map in worker processes
# since: 2.6 (PEP 371)
import multiprocessing
import os


def cube(x):
    return x * x * x


def whoami(_):
    return os.getpid()


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print("map=%s" % pool.map(cube, range(8)))
        print("starmap=%s" % pool.starmap(pow, [(2, 5), (3, 3)]))
        r = pool.apply_async(cube, (7,))
        print("apply_async=%d" % r.get(timeout=10))
        pids = set(pool.map(whoami, range(8)))
        print("ran in other processes: %s" % (os.getpid() not in pids))
        print("imap=%s" % list(pool.imap(cube, range(4))))
    print("cpu_count type=%s" % type(multiprocessing.cpu_count()).__name__)
