# category: builtins
# feature: str methods casefold, partition, zfill, center, expandtabs, title
# since: 3.3 (casefold), 2.5 (partition), 2.0 (others)
"""Results of less common str methods on edge-case inputs."""


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


show("casefold sharp s", lambda: "Stra\u00dfe".casefold() == "strasse")
show("casefold ascii", lambda: "HeLLo".casefold())
show("partition", lambda: "key=value=x".partition("="))
show("rpartition", lambda: "key=value=x".rpartition("="))
show("partition missing", lambda: "abc".partition("#"))
show("rpartition missing", lambda: "abc".rpartition("#"))
show("zfill 42", lambda: "42".zfill(5))
show("zfill -42", lambda: "-42".zfill(5))
show("zfill +7", lambda: "+7".zfill(4))
show("zfill short", lambda: "abc".zfill(2))
show("center 7 *", lambda: "hi".center(7, "*"))
show("center 6", lambda: "hi".center(6))
show("center odd", lambda: "odd".center(6, "-"))
show("center even", lambda: "ab".center(5, "-"))
show("expandtabs", lambda: "a\tbc\td".expandtabs())
show("expandtabs 4", lambda: "12345\t6\t".expandtabs(4))
show("expandtabs newline", lambda: "ab\tc\nx\ty".expandtabs(4))
show("title", lambda: "hello world's fine-day 3rd".title())
show("capitalize", lambda: "hELLO wORLD".capitalize())
show("swapcase", lambda: "AbC dE".swapcase())
show("split none", lambda: "  a b\t\nc  ".split())
show("split maxsplit", lambda: "a,b,,c".split(",", 2))
show("rsplit", lambda: "a,b,,c".rsplit(",", 1))
show("splitlines", lambda: "x\ny\r\nz\r".splitlines())
show("splitlines keepends", lambda: "x\ny\r\n".splitlines(True))
show("strip chars", lambda: "xxhixyx".strip("xy"))
show("count empty", lambda: "abc".count(""))
show("replace count", lambda: "aaaa".replace("a", "b", 2))
