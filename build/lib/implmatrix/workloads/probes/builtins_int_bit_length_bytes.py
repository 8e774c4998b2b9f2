# category: builtins
# feature: int.bit_length, int.bit_count, int.to_bytes and int.from_bytes
# since: 3.2 (to_bytes/from_bytes), 3.1 (bit_length), 3.10 (bit_count)
"""Bit length of positive/negative/huge ints and byte conversions with signedness and order."""

INT_TYPES = (int, type(2 ** 100))


def show(label, fn):
    try:
        r = fn()
        s = str(r) if isinstance(r, INT_TYPES) else repr(r)
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


for n in [0, 1, 255, 256, -1, -128, 2 ** 64, -(2 ** 64)]:
    show("bit_length(%d)" % n, lambda: n.bit_length())
show("bit_count(255)", lambda: (255).bit_count())
show("bit_count(-7)", lambda: (-7).bit_count())
show("1024 big 2", lambda: (1024).to_bytes(2, "big"))
show("1024 little 4", lambda: (1024).to_bytes(4, "little"))
show("-1 signed", lambda: (-1).to_bytes(2, "big", signed=True))
show("-129 signed", lambda: (-129).to_bytes(2, "little", signed=True))
show("256 in 1 byte", lambda: (256).to_bytes(1, "big"))
show("-1 unsigned", lambda: (-1).to_bytes(1, "big"))
show("default args", lambda: (5).to_bytes())
show("2**100 hex", lambda: (2 ** 100).to_bytes(13, "big").hex())
show("from big", lambda: int.from_bytes(b"\x00\x10", "big"))
show("from little signed", lambda: int.from_bytes(b"\xff\xfe", "little", signed=True))
show("from 20 bytes", lambda: int.from_bytes(b"\x01" * 20, "big"))
show("from empty", lambda: int.from_bytes(b"", "big"))
show("from list", lambda: int.from_bytes([1, 2], "big"))
