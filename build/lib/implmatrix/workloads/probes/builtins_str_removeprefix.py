# category: builtins
# feature: str/bytes removeprefix and removesuffix
# since: 3.9 (PEP 616)
"""Remove one occurrence of a prefix/suffix if present; tuples are not accepted."""


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


show("prefix", lambda: "unittest_foo".removeprefix("unittest_"))
show("no prefix", lambda: "foo".removeprefix("x"))
show("suffix", lambda: "abcabc".removesuffix("abc"))
show("empty", lambda: ("".removeprefix(""), "abc".removeprefix(""), "abc".removesuffix("")))
show("once only", lambda: "aaab".removeprefix("a"))
show("vs lstrip", lambda: "aaab".lstrip("a"))
show("whole", lambda: "abc".removeprefix("abc"))
show("longer", lambda: "ab".removesuffix("xab"))
show("bytes", lambda: b"xxdata".removeprefix(b"xx"))
show("bytearray", lambda: bytearray(b"abc").removesuffix(b"c"))
show("tuple arg", lambda: "abc".removeprefix(("a", "b")))
