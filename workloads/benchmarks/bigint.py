"""Big integers: fixed-point digits of pi, e and sqrt(2), factorials, Fibonacci, modular powers."""

TAGS = ("bigint", "int")

# CPython refuses str() of integers above 4300 digits, so stay below that.
DIGITS = 4000
GUARD = 10
MERSENNE_EXPONENT = 2203       # 2^2203 - 1 is a Mersenne prime


def arctan_inverse(x, unity):
    """arctan(1/x) * unity, by the alternating Taylor series in fixed point."""
    total = term = unity // x
    x2 = x * x
    n = 1
    sign = -1
    while term:
        term //= x2
        n += 2
        total += sign * (term // n)
        sign = -sign
    return total


def pi_digits(digits):
    unity = 10 ** (digits + GUARD)
    # Machin: pi/4 = 4 arctan(1/5) - arctan(1/239)
    pi = 4 * (4 * arctan_inverse(5, unity) - arctan_inverse(239, unity))
    return str(pi // 10 ** GUARD)


def e_digits(digits):
    unity = 10 ** (digits + GUARD)
    total = 0
    term = unity
    k = 1
    while term:
        total += term
        term //= k
        k += 1
    return str(total // 10 ** GUARD)


def isqrt(n):
    """Floor square root by Newton's method on integers."""
    x = 1 << ((len(bin(n)) - 2 + 1) // 2)
    while True:
        y = (x + n // x) // 2
        if y >= x:
            return x
        x = y


def sqrt2_digits(digits):
    return str(isqrt(2 * 10 ** (2 * digits)))


def factorial(n):
    result = 1
    for k in range(2, n + 1):
        result *= k
    return result


def fib_pair(n):
    """(F(n), F(n+1)) by fast doubling."""
    if n == 0:
        return (0, 1)
    a, b = fib_pair(n // 2)
    c = a * (2 * b - a)
    d = a * a + b * b
    if n % 2:
        return (d, c + d)
    return (c, d)


def digit_sum(n):
    total = 0
    for ch in str(n):
        total += ord(ch) - 48
    return total


def run():
    pi = pi_digits(DIGITS)
    e = e_digits(DIGITS)
    root2 = sqrt2_digits(DIGITS)
    f1000 = factorial(1000)
    fib = fib_pair(4782)[0]
    fib_prev = fib_pair(4781)[0]
    p = 2 ** MERSENNE_EXPONENT - 1
    fermat = pow(3, p - 1, p)
    composite = pow(3, p + 1, p + 2)   # p + 2 = 2^2203 + 1 is divisible by 3
    gcd_a = factorial(300)
    gcd_b = 2 ** 400 * 3 ** 50 * 7 ** 3
    while gcd_b:
        gcd_a, gcd_b = gcd_b, gcd_a % gcd_b
    return ((pi[:50], pi[762:768], pi[-30:], len(pi)),
            (e[:50], e[-30:], len(e)),
            (root2[:50], root2[-30:], len(root2)),
            (digit_sum(f1000), len(str(f1000)), f1000 % 1000000007),
            (len(str(fib)), len(str(fib_prev)), fib % 1000000007),
            (fermat, composite % 1000000007, digit_sum(2 ** 1000), gcd_a))


def check(value):
    try:
        pi, e, root2, fact, fib, misc = value
    except (TypeError, ValueError):
        return False
    # Well-known facts: the leading digits of pi, e and sqrt(2); pi's
    # "Feynman point" (six 9s from decimal place 762); the digit sum of
    # 1000! is 10539 and of 2^1000 is 1366; F(4782) is the first Fibonacci
    # number with 1000 digits; 2^2203 - 1 is prime, so 3^(p-1) = 1 mod p;
    # gcd(300!, 2^400 3^50 7^3) = 2^296 3^50 7^3.  The trailing digits and
    # residues were computed with CPython and cross-checked with mpmath.
    n = DIGITS + 1
    return (pi == ("31415926535897932384626433832795028841971693993751",
                   "999999", PI_TAIL, n)
            and e == ("27182818284590452353602874713526624977572470936999",
                      E_TAIL, n)
            and root2 == ("14142135623730950488016887242096980785696718753769",
                          ROOT2_TAIL, n)
            and fact == (10539, 2568, FACT_MOD)
            and fib == (1000, 999, FIB_MOD)
            and misc[0] == 1 and misc[1] == COMPOSITE_RESIDUE
            and misc[2] == 1366 and misc[3] == 2 ** 296 * 3 ** 50 * 7 ** 3)


PI_TAIL = "823252716201052652272111660396"
E_TAIL = "833004693290115744147563139997"
ROOT2_TAIL = "872531906019165996455381157888"
FACT_MOD = 641419708
FIB_MOD = 722928156
COMPOSITE_RESIDUE = 657393343  # 3^(p+1) mod (p+2), reduced mod 1e9+7
