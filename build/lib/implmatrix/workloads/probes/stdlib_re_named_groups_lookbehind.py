# category: stdlib
# feature: re named groups, lookbehind and backreferences
# since: 1.5
import re


def show(label, thunk):
    try:
        print("%s=%s" % (label, thunk()))
    except Exception as e:
        print("%s: %s" % (label, type(e).__name__))


show("plain groups", lambda: list(re.match(r"(\w+)=(\d+)", "width=640").groups()))
show("named group", lambda: re.match(r"(?P<key>\w+)=(?P<value>\d+)", "width=640;h=4").group("value"))
show("groupdict", lambda: sorted(re.match(r"(?P<key>\w+)=(?P<value>\d+)", "width=640").groupdict().items()))
show("span", lambda: list(re.match(r"(\w+)=(\d+)", "width=640").span(2)))
show("lookbehind", lambda: re.findall(r"(?<=\$)\d+", "cost $42 and $7 not 9"))
show("neg lookbehind", lambda: re.findall(r"(?<!\$)\b\d+", "cost $42 and $7 not 9"))
show("lookahead", lambda: re.findall(r"\w+(?=\()", "f(x) + g + h(y)"))
show("backref", lambda: re.findall(r"(\w)\1", "aabbcdde"))
show("findall tuples", lambda: re.findall(r"(\d+)-(\d+)", "1-2 33-44"))
show("split", lambda: re.split(r"[,;]\s*", "a, b;c ;d"))
show("nongreedy", lambda: re.match(r"<(.+?)>", "<a><b>").group(1))
show("ignorecase", lambda: bool(re.search("HELLO", "say hello", re.IGNORECASE)))
show("fullmatch", lambda: [bool(re.fullmatch(r"\d+", s)) for s in ("123", "12a")])
