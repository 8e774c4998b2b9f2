# category: builtins
# feature: sorted()/list.sort stability with key and reverse
# since: 2.4 (key=, guaranteed stable sort)
"""Equal keys keep their input order, also with reverse=True; multi-pass sorting by keys."""
records = [("bob", 3), ("alice", 1), ("carol", 3), ("dave", 1), ("eve", 2), ("frank", 3)]
print(sorted(records, key=lambda r: r[1]))
print(sorted(records, key=lambda r: r[1], reverse=True))
by_name = sorted(records, key=lambda r: r[0], reverse=True)
print(sorted(by_name, key=lambda r: r[1]))
words = ["banana", "Apple", "cherry", "apple", "Banana"]
print(sorted(words, key=str.lower))
print(sorted(words))
print(sorted(words, key=len))
lst = list(records)
lst.sort(key=lambda r: -r[1])
print(lst)
print(sorted([3, 1, 2], reverse=True))
print(sorted("hello"))
print(sorted([(1, "b"), (1, "a"), (0, "z")]))
try:
    print(sorted([1, "a"]))
except TypeError:
    print("TypeError: mixed types")
print(sorted([0.5, 1, True, 0, False, -1]))
