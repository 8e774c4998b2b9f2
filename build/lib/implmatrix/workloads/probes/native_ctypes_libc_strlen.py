# category: native
# feature: ctypes CDLL calls into libc (strlen, abs, snprintf) with argtypes/restype
# since: 2.5
import ctypes

libc = ctypes.CDLL("libc.so.6")
strlen = libc.strlen
strlen.argtypes = [ctypes.c_char_p]
strlen.restype = ctypes.c_size_t
print("strlen(b'hello')=%d" % strlen(b"hello"))
print("strlen(b'')=%d" % strlen(b""))
libc.abs.argtypes = [ctypes.c_int]
libc.abs.restype = ctypes.c_int
print("abs(-42)=%d" % libc.abs(-42))
buf = ctypes.create_string_buffer(32)
print("buffer sizeof=%d" % ctypes.sizeof(buf))
try:
    n = libc.snprintf(buf, 32, b"%d-%s", 7, b"abc")
    print("variadic snprintf returned %d, buffer=%s" % (n, buf.value.decode("ascii")))
except Exception as e:
    print("variadic snprintf: " + type(e).__name__)
try:
    strlen(123)
    print("wrong argtype accepted")
except ctypes.ArgumentError:
    print("wrong argtype: ArgumentError")
labs = libc.labs
labs.argtypes = [ctypes.c_long]
labs.restype = ctypes.c_long
print("labs(-2**40)=%d" % labs(-2 ** 40))
