# category: syntax
# feature: f-string expressions, conversions and format specs
# since: 3.6 (PEP 498)
"""f-strings with arbitrary expressions, !r/!s/!a conversions and nested format specs."""
x = 42
pi = 3.14159265
name = "world"
width = 10
items = [1, 2, 3]
d = {"k": "v"}
accented = "caf\u00e9"
print(f"hello {name}")
print(f"{x + 1} {x * 2} {x // 5} {x % 5}")
print(f"{pi:.3f}|{pi:10.2f}|{pi:<10.1f}|{pi:+.0e}")
print(f"{x:08b} {x:x} {x:#o} {x:#X} {1234567:,}")
print(f"{name!r} {name!s} {accented!a}")
print(f"{name:>{width}}|{name:^{width}}|{name:*<{width // 2 + 3}}|")
print(f"{items[1]} {len(items)} {sum(i * i for i in items)}")
print(f"{{literal braces}} {x}")
print(f"{1234567.891:_.2f} {0.25:.1%} {-7:05d}")
print(f"{d['k']} {'nested':*^12}")
print(f"{3.0e-5:g} {12345678.0:e} {float('inf')}")
print(f"{'a' if x > 40 else 'b'} {(lambda v: v * 3)(2)}")
print(f"""triple {x}
second line {name.upper()}""")
print(rf"raw \n {x}" + fr" {name}\t")
