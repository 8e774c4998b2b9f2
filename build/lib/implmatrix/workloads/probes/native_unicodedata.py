# category: native
# feature: unicodedata name/lookup/normalize/category and database version
# since: 1.6 (unicodedata), 2.3 (normalize)
import unicodedata


def show(label, thunk):
    try:
        print("%s = %s" % (label, thunk()))
    except Exception as e:
        print("%s -> %s" % (label, type(e).__name__))


def cps(s):
    return [ord(c) for c in s]


show("name(e-acute)", lambda: unicodedata.name(u"\u00e9"))
show("name(snowman)", lambda: unicodedata.name(u"\u2603"))
show("lookup alpha", lambda: cps(unicodedata.lookup("GREEK SMALL LETTER ALPHA")))
show("category", lambda: [unicodedata.category(c) for c in u"aA1 \u00e9\u2603"])
show("NFD", lambda: cps(unicodedata.normalize("NFD", u"\u00e9")))
show("NFC", lambda: cps(unicodedata.normalize("NFC", u"e\u0301")))
show("NFKC ligature", lambda: cps(unicodedata.normalize("NFKC", u"\ufb01")))
show("NFKD superscript two", lambda: cps(unicodedata.normalize("NFKD", u"\u00b2")))
show("decimal('7')", lambda: unicodedata.decimal(u"7"))
show("digit(superscript 2)", lambda: unicodedata.digit(u"\u00b2"))
show("numeric(one half)", lambda: repr(unicodedata.numeric(u"\u00bd")))
show("east_asian_width", lambda: [unicodedata.east_asian_width(c) for c in u"a\u3042"])
show("combining", lambda: unicodedata.combining(u"\u0301"))
show("mirrored", lambda: unicodedata.mirrored(u"("))
show("is_normalized", lambda: unicodedata.is_normalized("NFC", u"\u00e9"))
show("name of NUL", lambda: unicodedata.name(u"\x00"))
show("name with default", lambda: unicodedata.name(u"\x00", "none"))
show("unidata_version", lambda: unicodedata.unidata_version)
