# category: concurrency
# feature: concurrent.futures.ThreadPoolExecutor map, submit, as_completed
# since: 3.2 (PEP 3148)
import concurrent.futures
import time


def slow_square(x):
    time.sleep(0.01 * (5 - x % 5))
    return x * x


with concurrent.futures.ThreadPoolExecutor(max_workers=4) as ex:
    print("map (ordered)=%s" % list(ex.map(slow_square, range(10))))
    futs = [ex.submit(slow_square, i) for i in range(5)]
    done = sorted(f.result() for f in concurrent.futures.as_completed(futs))
    print("as_completed sorted=%s" % done)
    bad = ex.submit(lambda: 1 // 0)
    try:
        bad.result()
    except ZeroDivisionError:
        print("exception propagated: ZeroDivisionError")
    print("exception() type=%s" % type(bad.exception()).__name__)
    f = ex.submit(pow, 2, 10)
    print("done after result: %s %s" % (f.result(), f.done()))
    w = concurrent.futures.wait([ex.submit(abs, -i) for i in range(3)])
    print("wait done=%d not_done=%d" % (len(w.done), len(w.not_done)))
try:
    ex.submit(abs, 1)
except RuntimeError:
    print("submit after shutdown: RuntimeError")
