# category: stdlib
# feature: io.StringIO and io.BytesIO read, write, seek, getvalue
# since: 2.6 (io module, PEP 3116)
import io

s = io.StringIO()
s.write(u"line one\n")
s.write(u"line two\nthird")
print("tell=%d" % s.tell())
s.seek(0)
print("readline=%s" % repr(str(s.readline())))
try:
    print("rest lines=%s" % [str(x) for x in s.readlines()])
except Exception as e:
    print("readlines: " + type(e).__name__)
print("getvalue len=%d" % len(s.getvalue()))
s2 = io.StringIO(u"abc")
s2.seek(0, 2)
s2.write(u"def")
print("append=%s" % str(s2.getvalue()))
try:
    print("iterate=%s" % [str(x) for x in io.StringIO(u"a\nb\n")])
except Exception as e:
    print("iterate: " + type(e).__name__)

b = io.BytesIO(b"\x00\x01binary")
print("read(2)=%s" % list(bytearray(b.read(2))))
b.seek(0, 2)
b.write(b"\xff")
print("bytes=%s" % list(bytearray(b.getvalue())))
b.seek(2)
b.write(b"BIN")
print("overwrite=%s" % list(bytearray(b.getvalue())))
try:
    b.truncate(4)
    print("truncate=%s" % list(bytearray(b.getvalue())))
except Exception as e:
    print("truncate: " + type(e).__name__)
try:
    io.StringIO().write(b"bytes")
    print("bytes to StringIO accepted")
except TypeError:
    print("bytes to StringIO: TypeError")
try:
    print("getbuffer len=%d" % len(io.BytesIO(b"abc").getbuffer()))
except Exception as e:
    print("getbuffer: " + type(e).__name__)
b.close()
try:
    b.getvalue()
    print("closed getvalue ok")
except ValueError:
    print("closed: ValueError")
