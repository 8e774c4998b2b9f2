# category: builtins
# feature: str.isidentifier, str.format_map and str.format field syntax
# since: 3.0 (isidentifier), 3.2 (format_map), 2.6 (str.format, PEP 3101)
"""Identifier validity, format_map with a __missing__ mapping, field access and conversions."""


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


for label, word in [("abc", "abc"), ("_x1", "_x1"), ("1abc", "1abc"), ("empty", ""),
                    ("class", "class"), ("a-b", "a-b"), ("accented", "\u00e9t\u00e9"), ("a b", "a b")]:
    show("isidentifier " + label, lambda: word.isidentifier())


class Default(dict):
    def __missing__(self, key):
        return "<" + key + ">"


show("format_map missing", lambda: "{name} is {age}".format_map(Default(name="Bob")))
show("format_map plain", lambda: "{a}-{b}".format_map({"a": 1, "b": 2}))
show("format_map KeyError", lambda: "{x}".format_map({}))
show("index and attr", lambda: "{0[1]} {p.real} {d[k]}".format([5, 6], p=3, d={"k": "v"}))
show("align", lambda: "{:>6}|{:^6}|{:<6}|".format("a", "b", "c"))
show("conversion", lambda: "{0!r:>6}|{0!s}".format("s"))
show("auto and manual mix", lambda: "{} {1}".format(1, 2))
show("nested spec", lambda: "{:{w}.{p}f}".format(3.14159, w=8, p=2))
show("sign and zero", lambda: "{:+05d}|{: d}|{:=+6d}".format(42, 42, -7))
show("escaped braces", lambda: "{{}} {}".format(1))
