# category: native
# feature: resource.getrlimit(RLIMIT_NOFILE) and getrusage types
# since: 1.5
import resource

lim = resource.getrlimit(resource.RLIMIT_NOFILE)
print("getrlimit type=%s len=%d" % (type(lim).__name__, len(lim)))
print("elements int: %s" % all(isinstance(x, int) for x in lim))
print("soft <= hard or hard infinite: %s" % (lim[1] == resource.RLIM_INFINITY or lim[0] <= lim[1]))
ru = resource.getrusage(resource.RUSAGE_SELF)
print("getrusage ru_maxrss int: %s" % isinstance(ru.ru_maxrss, int))
print("getrusage utime float: %s" % isinstance(ru.ru_utime, float))
print("getpagesize positive: %s" % (resource.getpagesize() > 0))
try:
    resource.setrlimit(resource.RLIMIT_NOFILE, lim)
    print("setrlimit same: ok")
except Exception as e:
    print("setrlimit same: " + type(e).__name__)
