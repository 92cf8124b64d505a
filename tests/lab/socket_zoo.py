"""Opens one of every kind of socket netstat lists, then waits to be killed.

    python socket_zoo.py DIRECTORY

Run inside a test namespace (`Namespace.start`): TCP listeners on named and
unnamed ports, v4 and v6; established pairs with bytes waiting in a receive
queue and in a send queue; CLOSE_WAIT and FIN_WAIT2; TIME_WAIT; bound and
connected UDP; raw ICMP and ICMPv6; UNIX stream, datagram and seqpacket
sockets with paths (one with a space), an abstract name and a socketpair.
UNIX socket files go in DIRECTORY.  Prints "ready" when all are open.
"""

import fcntl
import os
import socket
import struct
import sys
import termios
import time

LIFETIME = 600  # seconds; the namespace kills it sooner
SETTLE_SECONDS = 5  # at most, for a send queue to stop moving
# Addresses the test puts on lo, with long names in the namespace's hosts file.
EXTRA_IPV4, EXTRA_IPV6 = "192.0.2.1", "2001:db8:1:2:3:4:5:6"
keep = []


def opened(family, kind, protocol=0):
    sock = socket.socket(family, kind, protocol)
    keep.append(sock)
    return sock


def bound(family, kind, address):
    sock = opened(family, kind)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
    sock.bind(address)
    return sock


def pair(listener, family, address, before_accept=None):
    """A connected (client, server) pair through `listener`."""
    client = opened(family, socket.SOCK_STREAM)
    if before_accept:
        before_accept(client)
    client.connect(address)
    server = listener.accept()[0]
    keep.append(server)
    return client, server


def tcp_sockets():
    bound(socket.AF_INET, socket.SOCK_STREAM, ("0.0.0.0", 22)).listen()
    bound(socket.AF_INET6, socket.SOCK_STREAM, ("::", 8080)).listen()
    bound(socket.AF_INET6, socket.SOCK_STREAM, ("::1", 40004)).listen(7)
    listener = bound(socket.AF_INET, socket.SOCK_STREAM, ("127.0.0.1", 40001))
    listener.listen(16)
    client, server = pair(listener, socket.AF_INET, ("127.0.0.1", 40001))
    client.sendall(b"x" * 1234)  # waits in the server's receive queue
    small = lambda sock: sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # noqa: E731
    client, server = pair(listener, socket.AF_INET, ("127.0.0.1", 40001), small)
    server.setblocking(False)
    try:
        while True:  # until the peer's window is full: bytes wait in our send queue
            server.send(b"y" * 65536)
    except BlockingIOError:
        pass
    settle(server)
    client, server = pair(listener, socket.AF_INET, ("127.0.0.1", 40001))
    client.shutdown(socket.SHUT_WR)  # client: FIN_WAIT2, server: CLOSE_WAIT
    listener6 = bound(socket.AF_INET6, socket.SOCK_STREAM, ("::1", 40005))
    listener6.listen()
    client, server = pair(listener6, socket.AF_INET6, ("::1", 40005))
    client.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
    dual_stack = opened(socket.AF_INET6, socket.SOCK_STREAM)
    dual_stack.bind(("::", 40006))  # IPV6_V6ONLY off: IPv4 peers appear as ::ffff:a.b.c.d
    dual_stack.listen()
    pair(dual_stack, socket.AF_INET, ("127.0.0.1", 40006))
    named = bound(socket.AF_INET, socket.SOCK_STREAM, (EXTRA_IPV4, 40007))
    named.listen()
    pair(named, socket.AF_INET, (EXTRA_IPV4, 40007))
    long_v6 = bound(socket.AF_INET6, socket.SOCK_STREAM, (EXTRA_IPV6, 40008))
    long_v6.listen()
    pair(long_v6, socket.AF_INET6, (EXTRA_IPV6, 40008))
    client, server = pair(listener, socket.AF_INET, ("127.0.0.1", 40001))
    client.close()  # the active closer ends in TIME_WAIT
    server.close()
    keep.remove(client)
    keep.remove(server)


def settle(sock):
    """Wait until the bytes in `sock`'s send queue stop changing."""
    deadline = time.monotonic() + SETTLE_SECONDS
    previous = None
    while time.monotonic() < deadline:
        queued = struct.unpack("i", fcntl.ioctl(sock, termios.TIOCOUTQ, b"\0" * 4))[0]
        if queued == previous:
            return
        previous = queued
        time.sleep(0.3)


def udp_and_raw_sockets():
    bound(socket.AF_INET, socket.SOCK_DGRAM, ("0.0.0.0", 53))
    bound(socket.AF_INET6, socket.SOCK_DGRAM, ("::1", 40002))
    bound(socket.AF_INET, socket.SOCK_DGRAM, ("127.0.0.1", 40003)).connect(("127.0.0.1", 53))
    bound(socket.AF_INET6, socket.SOCK_DGRAM, ("::", 123))
    bound(socket.AF_INET6, socket.SOCK_DGRAM, (EXTRA_IPV6, 40009)).connect((EXTRA_IPV6, 4000))
    opened(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    opened(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)


def unix_sockets(directory):
    stream = opened(socket.AF_UNIX, socket.SOCK_STREAM)
    stream.bind(os.path.join(directory, "stream"))
    stream.listen()
    client = opened(socket.AF_UNIX, socket.SOCK_STREAM)
    client.connect(os.path.join(directory, "stream"))
    keep.append(stream.accept()[0])
    opened(socket.AF_UNIX, socket.SOCK_DGRAM).bind(os.path.join(directory, "dgram"))
    seqpacket = opened(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    seqpacket.bind(os.path.join(directory, "seqpacket"))
    seqpacket.listen()
    spaced = opened(socket.AF_UNIX, socket.SOCK_STREAM)
    spaced.bind(os.path.join(directory, "with space"))
    spaced.listen()
    opened(socket.AF_UNIX, socket.SOCK_STREAM).bind("\0pynettools-abstract")
    keep.extend(socket.socketpair())
    opened(socket.AF_UNIX, socket.SOCK_DGRAM)  # unbound


def main(directory):
    tcp_sockets()
    udp_and_raw_sockets()
    unix_sockets(directory)
    print("ready", flush=True)
    time.sleep(LIFETIME)


if __name__ == "__main__":
    main(sys.argv[1])
