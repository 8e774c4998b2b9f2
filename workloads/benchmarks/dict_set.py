"""Dict and set heavy work: word counting, inverted index, set algebra queries, tuple keys."""

TAGS = ("dict", "set")

VOCABULARY = 1500
DOCUMENTS = 200
WORDS_PER_DOC = 120

SYLLABLES = ("an", "be", "ci", "do", "el", "fu", "ga", "hi", "jo", "ku", "li",
             "mo", "nu", "or", "pe", "qa", "ri", "so", "tu", "vy")


class Random(object):
    """Tiny deterministic linear congruential generator."""

    def __init__(self, seed):
        self.state = seed

    def next(self, n):
        self.state = (self.state * 1103515245 + 12345) % 2147483648
        return (self.state >> 8) % n


def make_vocabulary(rng, size):
    words = []
    seen = set()
    while len(words) < size:
        w = ""
        for _ in range(2 + rng.next(3)):
            w += SYLLABLES[rng.next(len(SYLLABLES))]
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


def make_documents(rng, vocab):
    docs = []
    n = len(vocab)
    for _ in range(DOCUMENTS):
        doc = []
        for _ in range(WORDS_PER_DOC):
            # Skewed choice: small indices (common words) are more likely.
            doc.append(vocab[(rng.next(n) * rng.next(n)) // n])
        docs.append(doc)
    return docs


def run():
    rng = Random(20240917)
    vocab = make_vocabulary(rng, VOCABULARY)
    docs = make_documents(rng, vocab)

    counts = {}
    index = {}
    bigrams = {}
    for doc_id in range(len(docs)):
        doc = docs[doc_id]
        prev = None
        for word in doc:
            counts[word] = counts.get(word, 0) + 1
            index.setdefault(word, set()).add(doc_id)
            if prev is not None:
                key = (prev, word)
                bigrams[key] = bigrams.get(key, 0) + 1
            prev = word

    total_tokens = 0
    for w in counts:
        total_tokens += counts[w]

    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    top = ranked[:10]
    top_words = [w for w, _ in top]

    # Set algebra over posting lists of the most frequent words.
    inter = union = diff = sym = 0
    for i in range(len(ranked) // 10):
        a = index[ranked[i][0]]
        b = index[ranked[(i * 7 + 3) % len(ranked)][0]]
        inter += len(a & b)
        union += len(a | b)
        diff += len(a - b)
        sym += len(a ^ b)

    # Document word sets: overlap between neighbours, subset tests.
    doc_sets = [set(d) for d in docs]
    overlap = 0
    subsets = 0
    everywhere = set(doc_sets[0])
    for i in range(1, len(doc_sets)):
        overlap += len(doc_sets[i].intersection(doc_sets[i - 1]))
        everywhere.intersection_update(doc_sets[i])
        if doc_sets[i].issubset(doc_sets[i - 1] | doc_sets[(i * 13) % len(doc_sets)]):
            subsets += 1

    # Dict transformations: invert counts, prune, merge.
    by_count = {}
    for w, c in counts.items():
        by_count.setdefault(c, []).append(w)
    singletons = sorted(by_count.get(1, []))
    rare = dict((w, c) for w, c in counts.items() if c <= 2)
    for w in list(rare):
        if w in index and len(index[w]) > 1:
            del rare[w]
    best_bigram = sorted(bigrams.items(), key=lambda kv: (-kv[1], kv[0]))[0]

    return (total_tokens, len(counts), top, inter, union, diff, sym, overlap,
            subsets, sorted(everywhere), len(singletons), singletons[:3],
            len(rare), len(bigrams), best_bigram, top_words[0] in index)


# Computed with CPython.
EXPECTED = (24000, 1408,
            [("moanga", 155), ("cituku", 100), ("oreltuvy", 99),
             ("dolianor", 98), ("cinujoga", 96), ("pefukuvy", 96),
             ("dojoqa", 91), ("cior", 89), ("numoriri", 87), ("hibeorbe", 86)],
            856, 8856, 5870, 8000, 3061, 3, [], 74,
            ["anankupe", "anbefuqa", "anbenupe"], 74, 23321,
            (("antunu", "dovyan"), 3), True)


def check(value):
    try:
        total = value[0]
        top = value[2]
        inter, union, diff, sym = value[3:7]
    except (TypeError, IndexError):
        return False
    if total != DOCUMENTS * WORDS_PER_DOC:
        return False
    # |A|+|B| = |A u B| + |A n B|, |A ^ B| = |A u B| - |A n B|.
    if sym != union - inter or diff > union:
        return False
    for i in range(1, len(top)):
        if (-top[i - 1][1], top[i - 1][0]) > (-top[i][1], top[i][0]):
            return False
    return tuple(value) == EXPECTED
