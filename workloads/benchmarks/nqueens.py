"""N-queens: backtracking search counting all placements (recursion, sets, lists)."""

TAGS = ("int", "recursion")

SIZES = (5, 6, 7, 8, 9, 10)

# Number of solutions of the n-queens problem (OEIS A000170).
KNOWN = {1: 1, 2: 0, 3: 0, 4: 2, 5: 10, 6: 4, 7: 40, 8: 92, 9: 352, 10: 724}


def solve(n):
    """Count solutions with explicit column/diagonal sets; also return the
    lexicographically first solution as a tuple of columns."""
    cols = set()
    diag1 = set()
    diag2 = set()
    placed = []
    found = [0, None]

    def place(row):
        if row == n:
            if found[0] == 0:
                found[1] = tuple(placed)
            found[0] += 1
            return
        for c in range(n):
            if c in cols or (row + c) in diag1 or (row - c) in diag2:
                continue
            cols.add(c)
            diag1.add(row + c)
            diag2.add(row - c)
            placed.append(c)
            place(row + 1)
            placed.pop()
            cols.remove(c)
            diag1.remove(row + c)
            diag2.remove(row - c)

    place(0)
    return found[0], found[1]


def count_bits(n):
    """Same count with integer bitmasks (no recursion: explicit stack)."""
    full = (1 << n) - 1
    total = 0
    stack = [(0, 0, 0)]
    while stack:
        cols, left, right = stack.pop()
        if cols == full:
            total += 1
            continue
        free = full & ~(cols | left | right)
        while free:
            bit = free & -free
            free ^= bit
            stack.append((cols | bit, ((left | bit) << 1) & full, (right | bit) >> 1))
    return total


def run():
    result = []
    for n in SIZES:
        count, first = solve(n)
        result.append((n, count, count_bits(n), first))
    return result


def _valid(first, n):
    if first is None or len(first) != n:
        return False
    for r1 in range(n):
        for r2 in range(r1 + 1, n):
            c1 = first[r1]
            c2 = first[r2]
            if c1 == c2 or abs(c1 - c2) == r2 - r1:
                return False
    return True


def check(value):
    try:
        if len(value) != len(SIZES):
            return False
        for item, n in zip(value, SIZES):
            size, count, count2, first = item
            if size != n or count != KNOWN[n] or count2 != KNOWN[n]:
                return False
            if not _valid(first, n):
                return False
        return True
    except (TypeError, ValueError):
        return False
