# category: stdlib
# feature: datetime arithmetic, isoformat, strftime, weekday
# since: 2.3
import datetime

d = datetime.datetime(2024, 2, 28, 23, 30, 15, 250000)
print("repr-ish: %s" % d.isoformat())
print("str: %s" % str(d))
print("+1 day 1h: %s" % (d + datetime.timedelta(days=1, hours=1)).isoformat())
print("leap day: %s" % (datetime.date(2024, 2, 28) + datetime.timedelta(days=1)).isoformat())
delta = datetime.datetime(2025, 1, 1) - datetime.datetime(2024, 1, 1)
print("delta days=%d seconds=%d total=%s" % (delta.days, delta.seconds, delta.total_seconds()))
neg = datetime.timedelta(hours=-1)
print("neg timedelta str: %s days=%d seconds=%d" % (str(neg), neg.days, neg.seconds))
print("weekday=%d isoweekday=%d" % (d.weekday(), d.isoweekday()))
print("isocalendar=%s" % list(d.isocalendar()))
print("strftime: %s" % d.strftime("%Y-%m-%d %H:%M:%S %j %A %b"))
print("ordinal: %d" % datetime.date(2000, 1, 1).toordinal())
try:
    print("isoformat sep/timespec: %s" % d.isoformat(" ", "minutes"))
except Exception as e:
    print("timespec: " + type(e).__name__)
try:
    tz = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
    a = datetime.datetime(2024, 1, 1, 12, 0, tzinfo=tz)
    print("aware: %s utc: %s" % (a.isoformat(), a.astimezone(datetime.timezone.utc).isoformat()))
except Exception as e:
    print("timezone: " + type(e).__name__)
print("replace: %s" % d.replace(year=2023, microsecond=0).isoformat())
print("compare: %s" % (datetime.date(2024, 1, 1) < datetime.date(2024, 1, 2)))
