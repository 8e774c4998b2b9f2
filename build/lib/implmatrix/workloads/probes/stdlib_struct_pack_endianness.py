# category: stdlib
# feature: struct pack/unpack with byte order, sizes and padding
# since: 1.4
import struct


def hx(b):
    return " ".join("%02x" % c for c in bytearray(b))


def show(label, thunk):
    try:
        print("%s = %s" % (label, thunk()))
    except Exception as e:
        print("%s -> %s" % (label, type(e).__name__))


show("<I 1", lambda: hx(struct.pack("<I", 1)))
show(">I 1", lambda: hx(struct.pack(">I", 1)))
show("!H 258", lambda: hx(struct.pack("!H", 258)))
show("<hq", lambda: hx(struct.pack("<hq", -2, 2 ** 40)))
show("<d 1.5", lambda: hx(struct.pack("<d", 1.5)))
show(">f -0.25", lambda: hx(struct.pack(">f", -0.25)))
show("unpack <iH", lambda: list(struct.unpack("<iH", bytes(bytearray([255, 255, 255, 255, 7, 0])))))
show("calcsize <bi =bi >5s", lambda: [struct.calcsize("<bi"), struct.calcsize("=bi"), struct.calcsize(">5s")])
show("calcsize native bi", lambda: struct.calcsize("bi"))
show("3s", lambda: hx(struct.pack("3s", b"abcdef")))
show("<?BB", lambda: hx(struct.pack("<?BB", True, 0, 255)))
show("<B 256", lambda: hx(struct.pack("<B", 256)))
show("Struct", lambda: list(struct.Struct("<HH").unpack_from(bytes(bytearray([0, 1, 0, 2, 0])), 1)))
show("unpack_from", lambda: list(struct.unpack_from("<H", bytes(bytearray([9, 1, 0])), 1)))
show("iter_unpack", lambda: [t[0] for t in struct.iter_unpack("<H", bytes(bytearray([1, 0, 2, 0])))])
