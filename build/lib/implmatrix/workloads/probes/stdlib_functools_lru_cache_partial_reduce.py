# category: stdlib
# feature: functools lru_cache, partial, reduce, wraps
# since: 3.2 (lru_cache), 2.5 (partial)
import functools

calls = []

@functools.lru_cache(maxsize=None)
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print("fib(30)=%d distinct calls=%d" % (fib(30), len(calls)))
info = fib.cache_info()
print("hits=%d misses=%d maxsize=%s currsize=%d" % (info.hits, info.misses, info.maxsize, info.currsize))
fib.cache_clear()
print("after clear currsize=%d" % fib.cache_info().currsize)

@functools.lru_cache(maxsize=2)
def sq(x):
    calls.append(x)
    return x * x

del calls[:]
for x in [1, 2, 1, 3, 2, 1]:
    sq(x)
print("maxsize=2 calls=%s" % calls)

base2 = functools.partial(int, base=2)
print("partial int base2=%d" % base2("1011"))
p = functools.partial(pow, 2)
print("partial pow=%d args=%s" % (p(10), list(p.args)))
print("reduce=%d" % functools.reduce(lambda a, b: a * b, range(1, 11)))
print("reduce init=%s" % functools.reduce(lambda a, b: a + [b], "abc", []))

def deco(f):
    @functools.wraps(f)
    def inner(*a):
        return f(*a)
    return inner

@deco
def documented():
    "The docstring."
    return 1

print("wraps name=%s doc=%s" % (documented.__name__, documented.__doc__))
try:
    print("cmp_to_key=%s" % sorted([3, 1, 2], key=functools.cmp_to_key(lambda a, b: b - a)))
except Exception as e:
    print("cmp_to_key: " + type(e).__name__)
