"""Generator pipelines, generator expressions, send() coroutines and closures over cells."""

TAGS = ("generators", "closures")

N = 180000


def numbers(limit):
    i = 0
    while i < limit:
        yield i
        i += 1


def keep(pred, source):
    for x in source:
        if pred(x):
            yield x


def apply(fn, source):
    for x in source:
        yield fn(x)


def take(n, source):
    for x in source:
        if n <= 0:
            return
        n -= 1
        yield x


def window_sums(source, width):
    buf = []
    total = 0
    for x in source:
        buf.append(x)
        total += x
        if len(buf) > width:
            total -= buf.pop(0)
        if len(buf) == width:
            yield total


def make_counter(step):
    state = [0]

    def bump():
        state[0] += step
        return state[0]
    return bump


def make_scaler(k):
    return lambda x: x * k + 1


def averager():
    """Coroutine: receives numbers through send(), yields count and total."""
    count = 0
    total = 0
    value = yield None
    while True:
        count += 1
        total += value
        value = yield (count, total)


def walk(tree):
    """Depth-first walk of nested lists: recursive generator delegation."""
    for node in tree:
        if isinstance(node, list):
            for leaf in walk(node):
                yield leaf
        else:
            yield node


def build_tree(lo, hi):
    if hi - lo <= 4:
        return list(range(lo, hi))
    mid = (lo + hi) // 2
    return [lo, build_tree(lo + 1, mid), build_tree(mid, hi)]


def run():
    scale = make_scaler(3)
    odd = lambda x: x % 2 == 1
    not_div3 = lambda x: x % 3 != 0
    pipeline = take(N // 4, apply(scale, keep(not_div3, keep(odd, numbers(N)))))
    s1 = 0
    for v in pipeline:
        s1 += v

    s2 = sum(x * x for x in numbers(N) if x % 7 == 3)
    s3 = max(window_sums(apply(lambda x: (x * 37) % 101, numbers(N // 4)), 5))

    tick = make_counter(2)
    tock = make_counter(5)
    s4 = 0
    for _ in numbers(N // 4):
        s4 += tick() - tock()

    avg = averager()
    next(avg)
    last = None
    for x in keep(lambda x: x % 5 == 0, numbers(N // 2)):
        last = avg.send(x)

    tree = build_tree(0, 4000)
    leaves = list(walk(tree))
    return (s1, s2, s3, s4, last, len(leaves), sum(leaves))


def _expected():
    # Closed forms / cheap loops, independent of the generator machinery.
    # s1: first N/4 odd x (not divisible by 3) below N, mapped to 3x + 1.
    # Odd numbers not divisible by 3 are 1, 5, 7, 11, ... (x = 6k +- 1).
    limit = N // 4
    s1 = 0
    count = 0
    k = 0
    while count < limit:
        for x in (6 * k + 1, 6 * k + 5):
            if x < N and count < limit:
                s1 += 3 * x + 1
                count += 1
        k += 1
    m = (N - 1 - 3) // 7 + 1          # x = 7j + 3, j = 0 .. m-1
    s2 = 0
    for j in range(m):
        x = 7 * j + 3
        s2 += x * x
    n4 = N // 4
    # tick() - tock() at call i (1-based) is 2i - 5i = -3i.
    s4 = -3 * n4 * (n4 + 1) // 2
    fives = (N // 2 - 1) // 5 + 1      # multiples of 5 below N/2
    last = (fives, 5 * (fives - 1) * fives // 2)
    # (37 x) mod 101 is periodic, so the best 5-window is among 101 starts.
    s3 = 0
    for start in range(101):
        w = 0
        for i in range(5):
            w += (37 * (start + i)) % 101
        if w > s3:
            s3 = w
    # Every integer in [0, 4000) appears exactly once in the tree.
    return (s1, s2, s3, s4, last, 4000, 3999 * 4000 // 2)


def check(value):
    try:
        return tuple(value) == _expected()
    except TypeError:
        return False
