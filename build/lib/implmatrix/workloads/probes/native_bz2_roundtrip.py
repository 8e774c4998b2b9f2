# category: native
# feature: bz2 compress/decompress round trip and incremental objects
# since: 2.3
import bz2

data = b"bzip2 test data " * 500
c = bz2.compress(data)
print("magic=%s" % c[:3].decode("ascii"))
print("round trip: %s, smaller: %s" % (bz2.decompress(c) == data, len(c) < len(data)))
comp = bz2.BZ2Compressor(9)
stream = comp.compress(data[:4000]) + comp.compress(data[4000:]) + comp.flush()
dec = bz2.BZ2Decompressor()
print("incremental: %s eof=%s" % (dec.decompress(stream) == data, dec.eof))
print("concatenated streams: %s" % (bz2.decompress(c + c) == data + data))
try:
    bz2.decompress(b"garbage!")
except (OSError, IOError, ValueError) as e:
    print("bad data: %s" % type(e).__name__)
