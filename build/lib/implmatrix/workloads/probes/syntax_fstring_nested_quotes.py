# category: syntax
# feature: f-string grammar: reused quotes, backslashes, comments and newlines in replacement fields
# since: 3.12 (PEP 701)
"""f-strings parsed by the PEG grammar: same quotes inside, backslashes, comments, deep nesting."""
d = {"key": "value", "n": 3}
items = ["a", "b", "c"]
print(f"{d["key"]} {d["n"] * 2}")
print(f"{"\n".join(items)!r}")
print(f"{"\t".join(items)}|")
print(f"{f"{f"{f"{1 + 1}"}"}"}")
print(f"{", ".join(f"<{s}>" for s in items)}")
print(f"{
    len(items)  # a comment inside the replacement field
}")
print(f"{'\u00e9' == "\xe9"}")
print(f"{d['key']:>{d["n"] * 3}}|")
print(f'{"single" + 'quoted'}')
