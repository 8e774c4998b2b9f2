# category: syntax
# feature: defaults for type parameters (def f[T = int])
# since: 3.13 (PEP 696)
"""Type parameters with defaults; missing subscription arguments are filled from the defaults."""


def f[T = int]():
    pass


p = f.__type_params__[0]
print(p.__default__)
print(p.has_default())


class C[T, U = str]:
    pass


print(C.__type_params__[0].has_default())
print(C.__type_params__[1].__default__)
print(C[int])
print(C[int, bytes])
type Alias[K = str, V = int] = dict[K, V]
print(Alias.__type_params__[1].__default__)
print(Alias[bytes])
