"""Sieve of Eratosthenes: prime counting with explicit index loops over a list of flags."""

TAGS = ("int", "list", "loops")

LIMIT = 500000


def sieve(limit):
    flags = [True] * (limit + 1)
    flags[0] = False
    flags[1] = False
    i = 2
    while i * i <= limit:
        if flags[i]:
            j = i * i
            while j <= limit:
                flags[j] = False
                j += i
        i += 1
    return flags


def run():
    flags = sieve(LIMIT)
    count = 0
    total = 0
    twins = 0
    last = -10
    gap = 0
    for n in range(2, LIMIT + 1):
        if flags[n]:
            count += 1
            total += n
            if n - last == 2:
                twins += 1
            if n - last > gap and last > 0:
                gap = n - last
            last = n
    return (count, total, twins, gap, last)


def _is_prime(n):
    if n < 2:
        return False
    d = 2
    while d * d <= n:
        if n % d == 0:
            return False
        d += 1
    return True


# pi(500000) = 41538; the sum, twin-pair count, maximal gap and largest prime
# were cross-checked against trial division on the host.
EXPECTED = (41538, 9914236195, 4565, 114, 499979)


def check(value):
    if value != EXPECTED:
        return False
    # Cheap independent spot check: the reported largest prime really is
    # prime and nothing between it and LIMIT is.
    last = value[4]
    if not _is_prime(last):
        return False
    for n in range(last + 1, LIMIT + 1):
        if _is_prime(n):
            return False
    return True
