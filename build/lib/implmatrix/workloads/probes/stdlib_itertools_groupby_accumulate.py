# category: stdlib
# feature: itertools groupby, accumulate, takewhile, starmap
# since: 2.4 (groupby), 3.2 (accumulate), 3.8 (accumulate initial)
import itertools
import operator

data = "aaabccdddda"
print("groupby=%s" % [(k, len(list(g))) for k, g in itertools.groupby(data)])
words = ["apple", "avocado", "banana", "blueberry", "cherry"]
print("groupby key=%s" % [(k, list(g)) for k, g in itertools.groupby(words, key=lambda w: w[0])])
try:
    print("accumulate=%s" % list(itertools.accumulate([1, 2, 3, 4, 5])))
    print("accumulate mul=%s" % list(itertools.accumulate([1, 2, 3, 4, 5], operator.mul)))
except Exception as e:
    print("accumulate: " + type(e).__name__)
try:
    print("accumulate initial=%s" % list(itertools.accumulate([1, 2, 3], initial=100)))
except Exception as e:
    print("accumulate initial: " + type(e).__name__)
print("takewhile=%s" % list(itertools.takewhile(lambda x: x < 4, [1, 3, 5, 2])))
print("dropwhile=%s" % list(itertools.dropwhile(lambda x: x < 4, [1, 3, 5, 2])))
print("starmap=%s" % list(itertools.starmap(pow, [(2, 3), (3, 2)])))
try:
    print("compress=%s" % list(itertools.compress("abcdef", [1, 0, 1, 0, 1, 1])))
except Exception as e:
    print("compress: " + type(e).__name__)
try:
    a, b = itertools.tee(iter([1, 2, 3]))
    print("tee=%s %s" % (list(a), list(b)))
except Exception as e:
    print("tee: " + type(e).__name__)
