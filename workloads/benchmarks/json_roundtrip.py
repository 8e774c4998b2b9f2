"""JSON round trip: build nested dicts/lists, json.dumps then json.loads, compare and walk."""

import json

TAGS = ("json", "dict", "str")

RECORDS = 5000

WORDS = ("alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
         "iota", "kappa", "lambda", "mu")
# Characters JSON must escape, plus a few that it need not.
ODD = ("quote\"d", "back\\slash", "new\nline", "tab\there", "sl/ash", "plain")


class Random(object):
    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % n


def make_value(rng, depth):
    kind = rng.next(10 if depth < 4 else 7)
    if kind == 0:
        return rng.next(2000001) - 1000000
    if kind == 1:
        # Dyadic rationals print and parse exactly everywhere.
        return (rng.next(2097152) - 1048576) / 1024.0
    if kind == 2:
        return WORDS[rng.next(len(WORDS))] + "-" + str(rng.next(1000))
    if kind == 3:
        return ODD[rng.next(len(ODD))]
    if kind == 4:
        return rng.next(2) == 1
    if kind == 5:
        return None
    if kind == 6:
        return 10 ** 20 + rng.next(1000)
    if kind == 7 or kind == 8:
        return [make_value(rng, depth + 1) for _ in range(rng.next(5))]
    obj = {}
    for _ in range(rng.next(5)):
        obj[WORDS[rng.next(len(WORDS))] + str(rng.next(10))] = make_value(rng, depth + 1)
    return obj


def make_document(rng):
    records = []
    for i in range(RECORDS):
        records.append({
            "id": i,
            "name": WORDS[i % len(WORDS)] + " " + str(i),
            "score": (i * 37 % 4096) / 16.0,
            "tags": [WORDS[rng.next(len(WORDS))] for _ in range(3)],
            "active": i % 3 != 0,
            "parent": None if i == 0 else i // 2,
            "payload": make_value(rng, 0),
        })
    return {"version": 3, "title": "roundtrip \"test\"\n", "records": records}


def walk(value, stats):
    """stats: [nodes, int sum, float sum, string chars, nulls, trues]."""
    stats[0] += 1
    if value is None:
        stats[4] += 1
    elif value is True:
        stats[5] += 1
    elif value is False:
        pass
    elif isinstance(value, dict):
        for key in sorted(value):
            stats[3] += len(key)
            walk(value[key], stats)
    elif isinstance(value, list):
        for item in value:
            walk(item, stats)
    elif isinstance(value, float):
        stats[2] += value
    elif hasattr(value, "lower"):  # str, or unicode on Python 2
        stats[3] += len(value)
    else:                          # int, or long on Python 2
        stats[1] += value


def run():
    rng = Random(12345)
    original = make_document(rng)
    text = json.dumps(original)
    loaded = json.loads(text)
    again = json.loads(json.dumps(loaded))
    stats = [0, 0, 0.0, 0, 0, 0]
    walk(loaded, stats)
    records = loaded["records"]
    return (loaded == original, again == original, stats,
            records[123]["name"], records[7]["payload"] == original["records"][7]["payload"])


# Computed with CPython; the float sum is of dyadic rationals, so exact.
EXPECTED_STATS = [61422, 112100000000000006968301, 629877.5419921875, 315693, 1146, 3957]


def check(value):
    try:
        same, same_again, stats, name, payload_same = value
    except (TypeError, ValueError):
        return False
    return (same is True and same_again is True and payload_same is True
            and name == "delta 123" and stats == EXPECTED_STATS)
