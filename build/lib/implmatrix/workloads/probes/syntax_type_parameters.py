# category: syntax
# feature: type parameter syntax for generic functions and classes (def f[T])
# since: 3.12 (PEP 695)
"""def f[T](...), class C[T], bounds, constraints, TypeVarTuple and ParamSpec via syntax."""


def first[T](xs: list[T]) -> T:
    return xs[0]


print(first([3, 4]))
params = first.__type_params__
print(len(params))
print(type(params[0]).__name__)
print(params[0].__name__)


class Box[T]:
    def __init__(self, item: T):
        self.item = item

    def get(self) -> T:
        return self.item


print(Box(5).get())
print([p.__name__ for p in Box.__type_params__])
print([c.__name__ for c in Box.__mro__])
print(Box[int])


def bounded[T: int, *Ts, **P]():
    pass


ps = bounded.__type_params__
print([type(p).__name__ for p in ps])
print([p.__name__ for p in ps])
print(ps[0].__bound__)


def constrained[S: (str, bytes)](x: S) -> S:
    return x


print(constrained.__type_params__[0].__constraints__)
print(constrained("s"))
