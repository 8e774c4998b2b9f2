# category: syntax
# feature: f-string self-documenting '=' specifier
# since: 3.8 (bpo-36817)
"""f'{expr=}' prints the expression text, preserving whitespace, with optional conversion/format."""
x = 7
name = "py"
items = [1, 2]
print(f"{x=}")
print(f"{x = }")
print(f"{x*2=}")
print(f"{x * 2 = }")
print(f"{name=}")
print(f"{name=!s}")
print(f"{name=!r:>8}")
print(f"{3.14159=:.2f}")
print(f"{items[0]=} {len(items)=}")
print(f"{x=:05d}|{x=:>4}|")
