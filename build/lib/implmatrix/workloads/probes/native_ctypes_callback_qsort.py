# category: native
# feature: ctypes CFUNCTYPE callback passed to libc qsort
# since: 2.5
import ctypes

libc = ctypes.CDLL("libc.so.6")
values = [5, 1, 4, 2, 3, -7, 100]
arr = (ctypes.c_int * len(values))(*values)
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
calls = [0]


def py_cmp(a, b):
    calls[0] += 1
    return a[0] - b[0]


libc.qsort(arr, len(arr), ctypes.sizeof(ctypes.c_int), CMP(py_cmp))
print("sorted=%s" % list(arr))
print("callback was called: %s" % (calls[0] > 0))


def desc(a, b):
    return b[0] - a[0]


libc.qsort(arr, len(arr), ctypes.sizeof(ctypes.c_int), CMP(desc))
print("descending=%s" % list(arr))
