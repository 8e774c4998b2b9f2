# category: syntax
# feature: when annotations are evaluated (forward references, side effects)
# since: 3.0 (PEP 3107); deferred evaluation 3.14 (PEP 649)
"""Annotations naming undefined names: eager evaluation raises at def time, deferred does not."""
calls = []


def note(label):
    calls.append(label)
    return label


def eager(x: note("param"), y: note("other")) -> note("return"):
    pass


print("calls after def: %r" % (calls,))
print(sorted(eager.__annotations__.items()))
print("calls after access: %r" % (calls,))

try:
    def forward(x: NotYetDefined) -> None:
        pass
    print("def ok")
except NameError:
    print("NameError at def time")


class NotYetDefined:
    pass


try:
    ann = forward.__annotations__
    print(sorted((k, getattr(v, "__name__", v)) for k, v in ann.items()))
except NameError:
    print("NameError on access")
except Exception as e:
    print(type(e).__name__)
