# category: syntax
# feature: dict and set comprehensions
# since: 2.7 / 3.0 (PEP 274)
"""{k: v for ...} and {x for ...} with filters, nested loops and duplicate keys (last wins)."""
sq = {x: x * x for x in range(6) if x % 2 == 0}
print(sorted(sq.items()))
s = {c.lower() for c in "Hello World" if c.isalpha()}
print(sorted(s))
nested = {(i, j) for i in range(3) for j in range(i)}
print(sorted(nested))
pairs = [("a", 1), ("b", 2), ("c", 1)]
inv = {v: k for k, v in pairs}
print(sorted(inv.items()))
grid = {(r, c): r * 3 + c for r in range(2) for c in range(3) if r != c}
print(sorted(grid.items()))
print(type({x for x in ()}).__name__)
print(type({x: x for x in ()}).__name__)
k = "outer"
m = {k: len(k) for k in ["ab", "cde"]}
print(k)
print(sorted(m.items()))
