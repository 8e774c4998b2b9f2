# category: native
# feature: mmap of an anonymous region and of a /tmp file
# since: 2.0 (mmap), 3.2 (context manager)
import mmap
import os

m = mmap.mmap(-1, 4096)
print("len=%d" % len(m))
m.write(b"hello mmap world")
print("tell=%d" % m.tell())
m.seek(0)
print("read=%s" % m.read(5).decode("ascii"))
print("find=%d" % m.find(b"world"))
m[0:5] = b"HELLO"
print("slice=%s byte0=%s" % (m[0:10].decode("ascii"), m[0]))
print("zero filled after data: %s" % (m[100:104] == b"\x00\x00\x00\x00"))
m.close()
print("closed=%s" % m.closed)
path = "/tmp/mmap_probe_%d" % os.getpid()
with open(path, "wb") as f:
    f.write(b"0123456789")
with open(path, "r+b") as f:
    with mmap.mmap(f.fileno(), 0) as fm:
        fm[0:3] = b"abc"
        fm.flush()
        print("file map size=%d" % fm.size())
with open(path, "rb") as f:
    print("file now=%s" % f.read().decode("ascii"))
os.remove(path)
print("PAGESIZE multiple of 4096: %s" % (mmap.PAGESIZE % 4096 == 0))
