# category: exceptions
# feature: user-defined exception hierarchies and handler matching
# since: 2.0
"""First matching except clause wins; tuples of types; BaseException is not caught by Exception."""


class AppError(Exception):
    def __init__(self, msg, code=0):
        super(AppError, self).__init__(msg)
        self.code = code


class DBError(AppError):
    pass


class ConnError(DBError):
    pass


class QueryError(DBError):
    def __str__(self):
        return "query failed [%d]" % self.code


try:
    class Both(DBError, KeyError):
        pass
except TypeError:
    Both = None
    print("TypeError: cannot combine DBError and KeyError")


class Stop(BaseException):
    pass


def classify(exc):
    try:
        raise exc
    except ConnError:
        return "ConnError handler"
    except (KeyError, QueryError) as e:
        return "tuple handler: " + str(e)
    except DBError as e:
        return "DBError handler code=%d" % e.code
    except AppError:
        return "AppError handler"


print(classify(ConnError("down")))
print(classify(QueryError("bad sql", 7)))
print(classify(DBError("generic", 3)))
print(classify(AppError("app")))
if Both is not None:
    print(classify(Both("both", 1)))
print(classify(KeyError("plain key")))
print(issubclass(ConnError, AppError))
if Both is not None:
    print("%r %r" % (issubclass(Both, LookupError), isinstance(Both("x"), Exception)))
    print(str(Both("quoted?")))
try:
    try:
        raise Stop("halt")
    except Exception:
        print("not reached")
except BaseException as e:
    print("BaseException caught " + type(e).__name__)
e = QueryError("m", 5)
print("%r %r %r" % (e.args, e.code, str(e)))
