"""String building and parsing: % and .format formatting, join, split, replace, case changes."""

TAGS = ("str",)

RECORDS = 20000

SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ra", "to", "vi", "po", "de", "zu", "ha")


def make_name(i):
    # Three or four syllables picked by a small linear congruential step.
    x = (i * 2654435761 + 12345) % 4294967296
    parts = []
    for _ in range(3 + (i % 2)):
        parts.append(SYLLABLES[x % 12])
        x //= 12
    return "".join(parts)


def format_percent(i, name, qty, price):
    return "%05d|%-12s|%6d|%9.3f|%s" % (i, name, qty, price, name.upper())


def format_method(i, name, qty, price):
    return "{0:05d}|{1:<12}|{2:>6}|{3:9.3f}|{4}".format(
        i, name, qty, price, name[0].upper() + name[1:])


def format_concat(i, name, qty, price):
    pad = " " * (12 - len(name))
    return "%05d|" % i + name + pad + "|%6s|%9.3f|" % (str(qty), price) + (
        name[0].upper() + name[1:])


FORMATTERS = (format_percent, format_method, format_concat)


def format_record(i):
    # price is a multiple of 1/8: exact in binary, so no rounding ties.
    return FORMATTERS[i % 3](i, make_name(i), (i * 7) % 1000, (i % 64) / 8.0)


def run():
    lines = []
    for i in range(RECORDS):
        lines.append(format_record(i))
    text = "\n".join(lines)

    # Parse it back.
    total_qty = 0
    total_cents = 0
    names = {}
    for line in text.split("\n"):
        fields = line.split("|")
        total_qty += int(fields[2].strip())
        whole, frac = fields[3].strip().split(".")
        total_cents += int(whole) * 1000 + int(frac)
        key = fields[1].strip()
        names[key] = names.get(key, 0) + 1

    # Rewrite it: replacements, case changes, word reversal.
    csv = text.replace("|", ",").replace("  ", " ").replace(" ,", ",")
    shout = csv.upper()
    words = csv.replace("\n", " ").replace(",", " ").split()
    reversed_words = " ".join(words[::-1])

    # Incremental concatenation and searching.
    report = ""
    for i in range(0, RECORDS, 15):
        report += "[%d:%s]" % (i, lines[i][6:18].strip())
    hits = 0
    for line in shout.split("\n"):
        pos = line.find("KALO")
        while pos != -1:
            hits += 1
            pos = line.find("KALO", pos + 1)

    pairs = ["%s=%d" % (k, names[k]) for k in sorted(names)]
    summary = ";".join(pairs)
    return (len(text), len(csv), len(reversed_words), len(report), len(summary),
            total_qty, total_cents, hits, shout.count("RA"), csv.count("\n"),
            lines[4321], report[:60], summary[:60], reversed_words[:40])


def check(value):
    try:
        if len(value) != 14:
            return False
        lengths = value[:5]
        total_qty, total_cents, hits, ra, newlines = value[5:10]
        line, report_head, summary_head, words_head = value[10:]
    except TypeError:
        return False
    # Independent invariants from the record definitions.
    expect_qty = 0
    expect_cents = 0
    for i in range(RECORDS):
        expect_qty += (i * 7) % 1000
        expect_cents += (i % 64) * 125
    if total_qty != expect_qty or total_cents != expect_cents:
        return False
    if newlines != RECORDS - 1:
        return False
    name = make_name(4321)    # record 4321: qty 247, price 33 / 8
    if line != ("04321|" + name + " " * (12 - len(name)) + "|   247|    4.125|"
                + name[0].upper() + name[1:]):
        return False
    return (lengths, hits, ra, report_head, summary_head, words_head) == EXPECTED


# Computed with CPython.
EXPECTED = ((879999, 747999, 637799, 19268, 52023), 698, 11678,
            "[0:depolo][15:kazuzumi][30:nehavi][45:tokarato][60:rasupo][7",
            "dedede=11;dedeha=11;dedeka=11;dedelo=11;dedemi=11;dedene=12;",
            "Suhazuto 3.875 993 suhazuto 19999 VIKAVI")
