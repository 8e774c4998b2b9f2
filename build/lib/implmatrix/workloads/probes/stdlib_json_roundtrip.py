# category: stdlib
# feature: json round trip with non-ASCII and floats
# since: 2.6
import json

data = {
    "name": u"caf\u00e9 \u2603",
    "floats": [3.14159, 1e300, 1e-7, -0.0, 0.1, 2.0],
    "ints": [0, -1, 2 ** 40],
    "misc": [None, True, False, "", [], {}],
}
try:
    s = json.dumps(data, sort_keys=True)
    print(s)
except Exception as e:
    print("dumps sort_keys: " + type(e).__name__)
    s = json.dumps(data)
back = json.loads(s)
print("equal after round trip: %s" % (back == data))
print("name code points: %s" % [ord(c) for c in back["name"]])
try:
    u = json.dumps(u"\u00e9\u2603", ensure_ascii=False)
    print("ensure_ascii=False code points: %s" % [ord(c) for c in u])
except Exception as e:
    print("ensure_ascii=False: " + type(e).__name__)
print("float repr: %s" % json.dumps([1.5, 1e16, 1e-5, 123456789.125]))
try:
    print("nan: %s" % json.dumps(float("nan")))
except Exception as e:
    print("nan: " + type(e).__name__)
try:
    json.loads("{bad json}")
    print("bad: parsed")
except ValueError as e:
    print("bad: ValueError subclass %s" % type(e).__name__)
