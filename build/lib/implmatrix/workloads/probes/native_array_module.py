# category: native
# feature: array module typecodes, itemsize, bytes conversion, byteswap
# since: 1.4
import array


def show(label, thunk):
    try:
        print("%s = %s" % (label, thunk()))
    except Exception as e:
        print("%s -> %s" % (label, type(e).__name__))


for code in "bBhHiIlLqQfd":
    show(code + " sum", lambda: sum(array.array(code, [1, 2, 3])))
    show(code + " itemsize", lambda: array.array(code).itemsize)
a = array.array("i", [0, 1, 2, 3, 4])
a.append(10)
a.extend([20, 30])
print("list=%s len=%d" % (list(a), len(a)))
show("tobytes first 8", lambda: list(bytearray(a.tobytes()[:8])))
show("bytes(a) len", lambda: len(bytes(a)))


def swapped():
    h = array.array("H", [1, 256])
    h.byteswap()
    return list(h)


show("byteswap", swapped)
show("typecodes", lambda: array.typecodes)
show("b 200", lambda: list(array.array("b", [200])))
show("slice", lambda: list(a[1:4]))
show("double", lambda: repr(array.array("d", [0.5])[0]))
show("index", lambda: a.index(10))
show("count", lambda: a.count(20))
show("frombytes", lambda: list(array.array("B", b"\x01\x02")))
