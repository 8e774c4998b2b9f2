"""Fannkuch-redux: pancake flips over all permutations (list indexing and slicing)."""

TAGS = ("int", "list")

N = 8

# Published fannkuch-redux results (checksum, max flips) for n = 7..10.
KNOWN = {7: (228, 16), 8: (1616, 22), 9: (8629, 30), 10: (73196, 38)}


def fannkuch(n):
    perm1 = list(range(n))
    count = [0] * n
    checksum = 0
    max_flips = 0
    parity = 0
    r = n
    while True:
        while r != 1:
            count[r - 1] = r
            r -= 1

        # Count flips: reverse the first perm[0] + 1 items until 0 is in front.
        perm = perm1[:]
        flips = 0
        k = perm[0]
        while k:
            lo = 0
            hi = k
            while lo < hi:
                t = perm[lo]
                perm[lo] = perm[hi]
                perm[hi] = t
                lo += 1
                hi -= 1
            flips += 1
            k = perm[0]
        if flips > max_flips:
            max_flips = flips
        if parity:
            checksum -= flips
        else:
            checksum += flips

        # Next permutation: rotate the first r + 1 items left by one.
        while True:
            if r == n:
                return (checksum, max_flips)
            first = perm1[0]
            perm1[0:r] = perm1[1:r + 1]
            perm1[r] = first
            count[r] -= 1
            if count[r] > 0:
                break
            r += 1
        parity ^= 1


def run():
    return fannkuch(N)


def check(value):
    return value == KNOWN[N]
