"""Deep function-call recursion: Takeuchi, Ackermann, Fibonacci, Hanoi and McCarthy 91."""

TAGS = ("recursion", "calls")

# Recursion depth stays below ~70 frames: MicroPython's C stack allows
# only about 150 nested Python calls.


def tak(x, y, z):
    if y < x:
        return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
    return z


def ack(m, n):
    if m == 0:
        return n + 1
    if n == 0:
        return ack(m - 1, 1)
    return ack(m - 1, ack(m, n - 1))


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


def hanoi(n, source, target, spare, moves):
    if n == 0:
        return
    hanoi(n - 1, source, spare, target, moves)
    moves[source * 3 + target] += 1
    hanoi(n - 1, spare, target, source, moves)


def mc91(n):
    if n > 100:
        return n - 10
    return mc91(mc91(n + 11))


def run():
    t = (tak(18, 12, 6), tak(22, 16, 8))
    a2 = ack(2, 30)
    a3 = 0
    for _ in range(5):
        a3 += ack(3, 3)
    f = fib(25)
    moves = [0] * 9
    hanoi(14, 0, 2, 1, moves)
    m = 0
    for n in range(0, 120):
        m += mc91(n)
    return (t, a2, a3, f, moves, m)


def _fib_iter(n):
    a, b = 0, 1
    for _ in range(n):
        a, b = b, a + b
    return a


def check(value):
    try:
        t, a2, a3, f, moves, m = value
    except (TypeError, ValueError):
        return False
    # Closed forms: A(2, n) = 2n + 3, A(3, n) = 2^(n+3) - 3; Hanoi needs
    # 2^n - 1 moves; McCarthy 91 is 91 for n <= 100 and n - 10 above.
    expected_m = 0
    for n in range(0, 120):
        if n <= 100:
            expected_m += 91
        else:
            expected_m += n - 10
    # tak(18, 12, 6) = 7 is the classic Gabriel-benchmark answer.
    return (t == (7, 9) and a2 == 2 * 30 + 3 and a3 == 5 * (2 ** 6 - 3)
            and f == _fib_iter(25) and sum(moves) == 2 ** 14 - 1
            and moves[0] == moves[4] == moves[8] == 0 and m == expected_m)
