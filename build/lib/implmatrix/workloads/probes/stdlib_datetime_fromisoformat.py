# category: stdlib
# feature: datetime.fromisoformat (basic 3.7, extended ISO 8601 in 3.11)
# since: 3.7, 3.11
import datetime

for s in [
    "2024-03-05",
    "2024-03-05T10:20:30",
    "2024-03-05 10:20:30.123456",
    "2024-03-05T10:20:30+02:00",
    "2024-03-05T10:20:30Z",
    "20240305T102030",
    "2024-W10-2",
    "2024-03-05T10:20:30.5",
    "not a date",
]:
    try:
        print("%s -> %s" % (s, datetime.datetime.fromisoformat(s).isoformat()))
    except Exception as e:
        print("%s -> %s" % (s, type(e).__name__))
for s in ["2024-03-05", "20240305"]:
    try:
        print("date %s -> %s" % (s, datetime.date.fromisoformat(s).isoformat()))
    except Exception as e:
        print("date %s -> %s" % (s, type(e).__name__))
for s in ["10:20", "10:20:30.250", "1020"]:
    try:
        print("time %s -> %s" % (s, datetime.time.fromisoformat(s).isoformat()))
    except Exception as e:
        print("time %s -> %s" % (s, type(e).__name__))
