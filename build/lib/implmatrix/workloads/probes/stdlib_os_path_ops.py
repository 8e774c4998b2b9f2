# category: stdlib
# feature: os.path join, split, splitext, normpath, relpath, exists on /tmp
# since: 1.5
import os
import os.path

print("join=%s" % os.path.join("/a", "b", "c.txt"))
print("join abs=%s" % os.path.join("/a", "/b", "c"))
print("split=%s" % list(os.path.split("/usr/lib/x.tar.gz")))
print("splitext=%s" % list(os.path.splitext("/usr/lib/x.tar.gz")))
print("splitext dotfile=%s" % list(os.path.splitext(".bashrc")))
print("basename=%s dirname=%s" % (os.path.basename("/a/b/"), os.path.dirname("/a/b/c")))
print("normpath=%s" % os.path.normpath("/a/./b/../c//d/"))
print("relpath=%s" % os.path.relpath("/a/b/c", "/a/d"))
print("isabs=%s %s" % (os.path.isabs("/x"), os.path.isabs("x")))
print("commonprefix=%s" % os.path.commonprefix(["/usr/lib", "/usr/local"]))
try:
    print("commonpath=%s" % os.path.commonpath(["/usr/lib", "/usr/local"]))
except Exception as e:
    print("commonpath: " + type(e).__name__)
print("sep=%s extsep=%s" % (os.sep, os.extsep))
print("expanduser keeps no-tilde: %s" % os.path.expanduser("abc"))
print("exists /tmp=%s isdir=%s" % (os.path.exists("/tmp"), os.path.isdir("/tmp")))
p = os.path.join("/tmp", "probe_os_path_%d.txt" % os.getpid())
f = open(p, "w")
f.write("12345")
f.close()
print("isfile=%s getsize=%d" % (os.path.isfile(p), os.path.getsize(p)))
os.remove(p)
print("after remove exists=%s" % os.path.exists(p))
# The working directory differs from run to run: compare, do not print it.
print("abspath joins cwd=%s" % (os.path.abspath("x") == os.path.join(os.getcwd(), "x")))
