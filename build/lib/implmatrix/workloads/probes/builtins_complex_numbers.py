# category: builtins
# feature: complex numbers: literals, arithmetic, repr, parsing
# since: 2.0
"""Complex arithmetic and repr details (signed zeros, parentheses), complex() parsing, ordering."""


def show(label, fn):
    try:
        s = repr(fn())
    except Exception as e:
        s = "!" + type(e).__name__
    print(label + " -> " + s)


z = 3 + 4j
show("z", lambda: z)
show("abs", lambda: abs(z))
show("real imag", lambda: (z.real, z.imag))
show("conjugate", lambda: z.conjugate())
show("z*z", lambda: z * z)
show("z/(1-1j)", lambda: z / (1 - 1j))
show("1j**2", lambda: 1j ** 2)
show("pow(1j, 4)", lambda: pow(1j, 4))
show("z**0.5", lambda: z ** 0.5)
show("parse", lambda: complex("1+2j"))
show("parse spaces", lambda: complex(" (1-2j) "))
show("parse bad", lambda: complex("1 + 2j"))
show("complex(1, -0.0)", lambda: complex(1, -0.0))
show("-0j", lambda: -0j)
show("complex(-0.0, -1)", lambda: complex(-0.0, -1))
show("complex(2)", lambda: complex(2))
show("1j", lambda: complex(0, 1))
show("eq", lambda: (1 + 2j) == complex(1, 2))
show("eq int", lambda: complex(3, 0) == 3)
show("order", lambda: 1j < 2j)
show("divmod", lambda: divmod(1j, 2))
show("int()", lambda: int(1 + 0j))
show("inf", lambda: complex(float("inf"), 1))
show("div zero", lambda: 1j / 0)
