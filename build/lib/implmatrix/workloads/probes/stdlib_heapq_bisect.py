# category: stdlib
# feature: heapq priority queue and bisect on sorted lists
# since: 2.3 (heapq), 2.1 (bisect), 3.10 (bisect key=)
import bisect
import heapq

h = []
for x in [5, 1, 8, 3, 9, 2, 7]:
    heapq.heappush(h, x)
print("heap[0]=%d" % h[0])
print("pops=%s" % [heapq.heappop(h) for _ in range(3)])
data = [9, 4, 7, 1, 8]
heapq.heapify(data)
print("heapify min=%d" % data[0])
print("pushpop=%d" % heapq.heappushpop(data, 0))
print("replace=%d" % heapq.heapreplace(data, 10))
try:
    print("nsmallest=%s nlargest=%s" % (heapq.nsmallest(2, [5, 1, 4, 2]), heapq.nlargest(2, [5, 1, 4, 2])))
except Exception as e:
    print("nsmallest/nlargest: " + type(e).__name__)
try:
    print("merge=%s" % list(heapq.merge([1, 4, 7], [2, 3, 9])))
except Exception as e:
    print("merge: " + type(e).__name__)
tasks = []
for prio, name in [(2, "b"), (1, "a"), (3, "c"), (1, "a2")]:
    heapq.heappush(tasks, (prio, name))
print("tuple order=%s" % [heapq.heappop(tasks)[1] for _ in range(4)])

s = [1, 3, 3, 3, 7, 10]
print("bisect_left=%d bisect_right=%d bisect=%d" % (bisect.bisect_left(s, 3), bisect.bisect_right(s, 3), bisect.bisect(s, 4)))
bisect.insort(s, 5)
bisect.insort_left(s, 3)
print("insort=%s" % s)
try:
    recs = [("a", 1), ("b", 4), ("c", 9)]
    print("bisect key=%d" % bisect.bisect_left(recs, 5, key=lambda r: r[1]))
except Exception as e:
    print("bisect key: " + type(e).__name__)
