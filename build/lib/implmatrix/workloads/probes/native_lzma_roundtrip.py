# category: native
# feature: lzma xz/alone/raw round trips and integrity checks
# since: 3.3
import lzma

data = b"lzma test data " * 500
xz = lzma.compress(data)
print("xz magic=%s" % list(bytearray(xz[:6])))
print("xz round trip: %s" % (lzma.decompress(xz) == data))
alone = lzma.compress(data, format=lzma.FORMAT_ALONE)
print("alone round trip: %s" % (lzma.decompress(alone) == data))
filters = [{"id": lzma.FILTER_LZMA2, "preset": 1}]
raw = lzma.compress(data, format=lzma.FORMAT_RAW, filters=filters)
print("raw round trip: %s" % (lzma.decompress(raw, format=lzma.FORMAT_RAW, filters=filters) == data))
print("check_supported CRC64=%s SHA256=%s" % (lzma.is_check_supported(lzma.CHECK_CRC64), lzma.is_check_supported(lzma.CHECK_SHA256)))
d = lzma.LZMADecompressor()
print("incremental: %s eof=%s" % (d.decompress(xz) == data, d.eof))
try:
    lzma.decompress(b"not xz data")
except lzma.LZMAError:
    print("bad data: LZMAError")
