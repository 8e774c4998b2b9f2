# category: native
# feature: zlib compress/decompress round trip, streaming objects, crc32/adler32
# since: 1.5
import zlib


def show(label, thunk):
    try:
        print("%s = %s" % (label, thunk()))
    except Exception as e:
        print("%s -> %s" % (label, type(e).__name__))


data = b"The quick brown fox jumps over the lazy dog. " * 200
c = zlib.compress(data)
print("round trip ok: %s, smaller: %s" % (zlib.decompress(c) == data, len(c) < len(data)))
print("zlib header byte=%d" % bytearray(c)[0])
show("crc32", lambda: zlib.crc32(b"hello world") & 0xffffffff)
show("crc32 running", lambda: zlib.crc32(b" world", zlib.crc32(b"hello")) & 0xffffffff)
show("adler32", lambda: zlib.adler32(b"hello world") & 0xffffffff)


def streaming():
    co = zlib.compressobj(9)
    chunks = [co.compress(data[i:i + 1000]) for i in range(0, len(data), 1000)]
    chunks.append(co.flush())
    do = zlib.decompressobj()
    return do.decompress(b"".join(chunks)) + do.flush() == data


def gzip_stream():
    g = zlib.compressobj(6, zlib.DEFLATED, 31)
    return g.compress(b"gzip me") + g.flush()


def raw_deflate():
    raw = zlib.compressobj(6, zlib.DEFLATED, -15)
    return zlib.decompress(raw.compress(b"raw") + raw.flush(), -15) == b"raw"


show("streaming round trip", streaming)
show("gzip magic", lambda: list(bytearray(gzip_stream()[:2])))
show("gzip decode via wbits=47", lambda: zlib.decompress(gzip_stream(), 47) == b"gzip me")
show("raw deflate round trip", raw_deflate)
try:
    zlib.decompress(b"not compressed")
except zlib.error:
    print("bad data: zlib.error")
show("MAX_WBITS", lambda: zlib.MAX_WBITS)
