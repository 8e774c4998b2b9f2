# category: syntax
# feature: type alias statement (type X = ...) with lazy evaluation
# since: 3.12 (PEP 695)
"""'type' soft keyword creates TypeAliasType objects whose value is evaluated lazily."""
type Point = tuple[float, float]
type ListOrSet[T] = list[T] | set[T]
print(type(Point).__name__)
print(Point.__name__)
print(Point.__value__)
print(ListOrSet.__type_params__[0].__name__)
print(ListOrSet[int])
type Lazy = UndefinedName123
print("defined lazily")
try:
    Lazy.__value__
except NameError:
    print("NameError on __value__")
type Rec = list[Rec]
print(Rec.__value__)
print(type(3).__name__)
type = "soft keyword can still be a name"
print(type)
