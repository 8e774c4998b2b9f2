"""Spectral norm: power iteration on an implicit infinite matrix (float loops, division)."""

import math

TAGS = ("float", "loops")

N = 110
ITERATIONS = 10

# sqrt(largest eigenvalue of A^T A) for the leading N x N block of
# A[i][j] = 1 / ((i + j) * (i + j + 1) / 2 + i + 1), computed with CPython
# (for N = 100 the same code gives the well-known 1.274219991).
EXPECTED = 1.2742209954011179


def a_entry(i, j):
    s = i + j
    return 1.0 / ((s * (s + 1)) // 2 + i + 1)


def mul_a(v, out):
    n = len(v)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a_entry(i, j) * v[j]
        out[i] = total


def mul_at(v, out):
    n = len(v)
    for i in range(n):
        total = 0.0
        for j in range(n):
            total += a_entry(j, i) * v[j]
        out[i] = total


def mul_ata(v, out, tmp):
    mul_a(v, tmp)
    mul_at(tmp, out)


def spectral_norm(n, iterations):
    u = [1.0] * n
    v = [0.0] * n
    tmp = [0.0] * n
    for _ in range(iterations):
        mul_ata(u, v, tmp)
        mul_ata(v, u, tmp)
    vbv = 0.0
    vv = 0.0
    for i in range(n):
        vbv += u[i] * v[i]
        vv += v[i] * v[i]
    return math.sqrt(vbv / vv)


def run():
    return spectral_norm(N, ITERATIONS)


def check(value):
    if not isinstance(value, float):
        return False
    return abs(value - EXPECTED) < 1e-12
