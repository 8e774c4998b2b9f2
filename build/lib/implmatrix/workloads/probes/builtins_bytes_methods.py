# category: builtins
# feature: bytes and bytearray methods (hex, fromhex, split, find, % formatting)
# since: 3.0 (bytes), 3.5 (bytes.hex, PEP 461 %-formatting), 3.8 (hex separator)
"""Common bytes/bytearray operations and their reprs."""


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


b = b"hello world"
show("hex", lambda: b.hex())
show("hex sep", lambda: b"\x01\xff\x10".hex(":"))
show("fromhex", lambda: bytes.fromhex("de ad be ef"))
show("fromhex bad", lambda: bytes.fromhex("zz"))
show("split", lambda: b.split())
show("split sep", lambda: b"a,b,,c".split(b","))
show("find", lambda: (b.find(b"o"), b.rfind(b"o"), b.find(b"z"), b.find(111)))
show("index 0", lambda: b[0])
show("slice", lambda: b[0:1])
show("list", lambda: list(b[:3]))
show("upper replace", lambda: b.upper().replace(b"L", b"_"))
show("repeat join", lambda: b"-".join([b"ab"] * 2))
show("percent", lambda: b"%d-%s-%x" % (5, b"x", 255))
show("bytes(3)", lambda: bytes(3))
show("bytes list", lambda: bytes([65, 66, 0, 255]))
show("decode", lambda: b"caf\xc3\xa9".decode("utf-8") == "caf\u00e9")
show("encode", lambda: "caf\u00e9".encode("utf-8"))
show("startswith tuple", lambda: b.startswith((b"x", b"he")))
show("count strip", lambda: (b.count(b"l"), b"  x ".strip()))
show("str(bytes)", lambda: str(b"ab"))
show("bytes == str", lambda: b"ab" == "ab")
ba = bytearray(b"abc")
ba.append(100)
ba.extend(b"ef")
ba[0] = 65
print(repr(ba))
show("bytearray hex", lambda: ba.hex())
show("bytearray fromhex", lambda: bytearray.fromhex("41 42"))
show("bytearray slice", lambda: ba[1:3])
show("bytearray pop", lambda: ba.pop())
show("bytearray setitem 256", lambda: ba.__setitem__(0, 256))
show("immutable", lambda: b.__setitem__(0, 1))
