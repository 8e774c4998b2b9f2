# category: native
# feature: sqlite3 in-memory database create/insert/select, parameters, transactions
# since: 2.5 (PEP 249 DB-API)
import sqlite3

conn = sqlite3.connect(":memory:")
cur = conn.cursor()
cur.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, score REAL, data BLOB)")
cur.executemany("INSERT INTO t (name, score, data) VALUES (?, ?, ?)",
                [("ann", 3.5, b"\x00\x01"), ("bob", 2.0, None), (u"z\u00e9", 9.25, b"")])
conn.commit()
rows = cur.execute("SELECT id, name, score FROM t ORDER BY score DESC").fetchall()
print("rows=%s" % [(r[0], [ord(c) for c in r[1]], r[2]) for r in rows])
print("count=%d" % cur.execute("SELECT COUNT(*) FROM t").fetchone()[0])
blob = cur.execute("SELECT data FROM t WHERE name = ?", ("ann",)).fetchone()[0]
print("blob type=%s value=%s" % (type(blob).__name__, list(bytearray(blob))))
print("named param=%s" % cur.execute("SELECT name FROM t WHERE id = :id", {"id": 2}).fetchone()[0])
print("lastrowid=%d rowcount=%d" % (cur.lastrowid, cur.rowcount))
try:
    cur.execute("INSERT INTO t (id, name) VALUES (1, 'dup')")
except sqlite3.IntegrityError:
    print("duplicate key: IntegrityError")
conn.rollback()
conn.row_factory = sqlite3.Row
row = conn.execute("SELECT name, score FROM t WHERE id = 1").fetchone()
print("Row keys=%s score=%r" % (list(row.keys()), row["score"]))
print("sqlite function=%s" % conn.execute("SELECT upper('abc') || abs(-3)").fetchone()[0])
conn.create_function("twice", 1, lambda x: x * 2)
print("python function=%d" % conn.execute("SELECT twice(21)").fetchone()[0])
print("sqlite_version is 3.x: %s" % sqlite3.sqlite_version.startswith("3."))
conn.close()
try:
    conn.execute("SELECT 1")
except sqlite3.ProgrammingError:
    print("closed: ProgrammingError")
