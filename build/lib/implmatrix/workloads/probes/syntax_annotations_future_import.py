# category: syntax
# feature: from __future__ import annotations (annotations kept as strings)
# since: 3.7 (PEP 563)
"""Under the future import, every annotation is stored as its source text, unevaluated."""
from __future__ import annotations


def f(a: int, b: list[Undefined] = None, *, c: dict[str, int | None]) -> Missing:
    return a


print(sorted(f.__annotations__.items()))


class C:
    x: int = 3
    y: C


print(sorted(C.__annotations__.items()))
print(f(1, c={}))
