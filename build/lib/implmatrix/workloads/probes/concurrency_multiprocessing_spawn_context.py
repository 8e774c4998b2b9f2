# category: concurrency
# feature: multiprocessing spawn context with Process, Queue and exit codes
# since: 3.4 (get_context)
import multiprocessing
import sys


def child(q, n):
    q.put(("child", n, n * 2))


def failing():
    sys.exit(3)


if __name__ == "__main__":
    ctx = multiprocessing.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=child, args=(q, i)) for i in range(3)]
    for p in procs:
        p.start()
    got = sorted(q.get(timeout=20) for _ in procs)
    for p in procs:
        p.join(20)
    print("results=%s" % got)
    print("exitcodes=%s" % [p.exitcode for p in procs])
    f = ctx.Process(target=failing)
    f.start()
    f.join(20)
    print("failing exitcode=%s" % f.exitcode)
    print("context start method=%s" % ctx.get_start_method())
    print("available methods=%s" % sorted(multiprocessing.get_all_start_methods()))
