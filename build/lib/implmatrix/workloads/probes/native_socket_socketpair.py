# category: native
# feature: socket.socketpair local round trip (AF_UNIX), timeouts, shutdown
# since: 2.4 (socketpair), 3.2 (context manager)
import socket

a, b = socket.socketpair()
print("family AF_UNIX: %s type SOCK_STREAM: %s" % (a.family == socket.AF_UNIX, a.type == socket.SOCK_STREAM))
a.sendall(b"ping " * 1000)
got = b""
while len(got) < 5000:
    got += b.recv(4096)
print("received=%d bytes, ok=%s" % (len(got), got == b"ping " * 1000))
b.sendall(b"pong")
print("reply=%s" % a.recv(10).decode("ascii"))
b.settimeout(0.05)
try:
    b.recv(10)
    print("recv on empty returned")
except socket.timeout:
    print("recv timeout: socket.timeout")
print("socket.timeout class name=%s" % socket.timeout.__name__)
a.shutdown(socket.SHUT_WR)
print("recv after peer shutdown: %d bytes" % len(b.recv(10)))
a.close()
b.close()
try:
    u = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    u.close()
    print("AF_UNIX datagram socket: ok")
except Exception as e:
    print("AF_UNIX datagram: " + type(e).__name__)
try:
    socket.create_connection(("192.0.2.1", 9), timeout=0.2)
    print("network reachable")
except (OSError, IOError) as e:
    print("no network: OSError subclass")
