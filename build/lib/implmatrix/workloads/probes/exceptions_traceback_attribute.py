# category: exceptions
# feature: __traceback__ on exceptions, with_traceback, and unbinding of the except target
# since: 3.0 (PEP 3134, PEP 3110)
"""Exceptions carry their traceback; 'except E as e' deletes e at the end of the handler."""
import sys


def fail():
    raise ValueError("x")


try:
    fail()
except ValueError as e:
    tb = getattr(e, "__traceback__", "missing")
    info_same = sys.exc_info()[1] is e
print(tb is not None and tb != "missing")
print(type(tb).__name__)
names = []
t = tb
while t is not None and t != "missing":
    names.append(t.tb_frame.f_code.co_name)
    t = t.tb_next
print(names)
print(info_same)
try:
    e
    print("e still bound")
except NameError:
    print("NameError: e unbound after except")
err = ValueError("fresh")
print(getattr(err, "__traceback__", "missing"))
try:
    print(err.with_traceback(None).__traceback__)
except AttributeError:
    print("no with_traceback")
print(sys.exc_info())
