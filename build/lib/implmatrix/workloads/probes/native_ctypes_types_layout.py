# category: native
# feature: ctypes scalar overflow, Structure/Union layout, sizeof/alignment, pointers
# since: 2.5
import ctypes

print("c_int(2**31)=%d" % ctypes.c_int(2 ** 31).value)
print("c_uint8(300)=%d" % ctypes.c_uint8(300).value)
print("c_int16(-1) as uint16=%d" % ctypes.c_uint16(ctypes.c_int16(-1).value).value)
print("c_int(7)+c_int(8) values=%d" % (ctypes.c_int(7).value + ctypes.c_int(8).value))
print("sizeof char short int long longlong double=%s" % [ctypes.sizeof(t) for t in (ctypes.c_char, ctypes.c_short, ctypes.c_int, ctypes.c_long, ctypes.c_longlong, ctypes.c_double)])
print("sizeof c_void_p=%d" % ctypes.sizeof(ctypes.c_void_p))


class Rec(ctypes.Structure):
    _fields_ = [("tag", ctypes.c_char), ("count", ctypes.c_int), ("value", ctypes.c_double), ("flag", ctypes.c_short)]


class Packed(ctypes.Structure):
    _pack_ = 1
    _fields_ = [("tag", ctypes.c_char), ("count", ctypes.c_int)]


class U(ctypes.Union):
    _fields_ = [("i", ctypes.c_uint32), ("b", ctypes.c_uint8 * 4)]


print("sizeof Rec=%d alignment=%d" % (ctypes.sizeof(Rec), ctypes.alignment(Rec)))
print("offsets=%s" % [getattr(Rec, n).offset for n in ("tag", "count", "value", "flag")])
print("sizeof Packed=%d" % ctypes.sizeof(Packed))
u = U()
u.i = 0x01020304
print("union bytes (little endian)=%s" % list(u.b))
r = Rec(b"x", 3, 2.5, -1)
print("fields=%s %d %r %d" % (r.tag.decode("ascii"), r.count, r.value, r.flag))
p = ctypes.pointer(r)
p.contents.count = 99
print("via pointer count=%d" % r.count)
arr = (ctypes.c_int * 4)(1, 2, 3)
print("array=%s len=%d" % (list(arr), len(arr)))
ip = ctypes.cast(arr, ctypes.POINTER(ctypes.c_int))
print("cast pointer index=%d" % ip[2])
print("bitfield sizeof=%d" % ctypes.sizeof(type("BF", (ctypes.Structure,), {"_fields_": [("a", ctypes.c_uint, 3), ("b", ctypes.c_uint, 5)]})))
