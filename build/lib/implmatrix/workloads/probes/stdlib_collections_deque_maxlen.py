# category: stdlib
# feature: collections.deque with maxlen, rotate and appendleft
# since: 2.6 (maxlen)
from collections import deque

try:
    d = deque(maxlen=3)
except TypeError as e:
    print("deque(maxlen=3): TypeError")
    d = deque((), 3)
for i in range(6):
    d.append(i)
print("maxlen keeps last=%s" % list(d))
d.appendleft(-1)
print("appendleft drops right=%s" % list(d))
try:
    print("maxlen attr=%s" % d.maxlen)
except Exception as e:
    print("maxlen attr: " + type(e).__name__)
e = deque(range(5), 10)
try:
    e.rotate(2)
    print("rotate(2)=%s" % list(e))
except Exception as ex:
    print("rotate: " + type(ex).__name__)
try:
    e.extendleft([10, 11])
    print("extendleft=%s" % list(e))
except Exception as ex:
    print("extendleft: " + type(ex).__name__)
print("pop=%d popleft=%d" % (e.pop(), e.popleft()))
try:
    print("index access e[1]=%d" % e[1])
except Exception as ex:
    print("index access: " + type(ex).__name__)
