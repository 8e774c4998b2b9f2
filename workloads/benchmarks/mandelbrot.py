"""Mandelbrot set: escape-time iteration over a complex grid (tight float loops)."""

TAGS = ("float", "loops")

WIDTH = 160
HEIGHT = 120
MAX_ITER = 100
X0, X1 = -2.0, 0.75
Y0, Y1 = -1.125, 1.125

# Reference results (total iterations, points inside the set, row checksum),
# computed with CPython; all operations are plain IEEE double arithmetic.
EXPECTED = (567884, 4810, 240474013)


def escape_time(cr, ci, limit):
    zr = 0.0
    zi = 0.0
    zr2 = 0.0
    zi2 = 0.0
    n = 0
    while n < limit and zr2 + zi2 <= 4.0:
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
        zr2 = zr * zr
        zi2 = zi * zi
        n += 1
    return n


def render(width, height, limit):
    dx = (X1 - X0) / width
    dy = (Y1 - Y0) / height
    total = 0
    inside = 0
    checksum = 0
    for row in range(height):
        ci = Y0 + (row + 0.5) * dy
        row_sum = 0
        for col in range(width):
            cr = X0 + (col + 0.5) * dx
            n = escape_time(cr, ci, limit)
            total += n
            row_sum += n
            if n == limit:
                inside += 1
        checksum = (checksum * 31 + row_sum) % 1000000007
    return (total, inside, checksum)


def run():
    return render(WIDTH, HEIGHT, MAX_ITER)


def check(value):
    # The grid is symmetric about the real axis, so the inside count is even;
    # inside * cell area must approximate the set's area (about 1.506).
    if value != EXPECTED:
        return False
    area = value[1] * ((X1 - X0) / WIDTH) * ((Y1 - Y0) / HEIGHT)
    return value[1] % 2 == 0 and 1.4 < area < 1.7
