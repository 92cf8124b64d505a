"""The traffic of the pytcpdump corpus, run inside the lab's namespaces by
`make_pcaps.py`: `python -m tests.data.corpus_traffic ACTION ARGS...`.

Each action is bounded in count and time.  The crafted packets go out
through raw sockets, so they cross the real kernel and veth like the rest.
"""

import select
import socket
import struct
import sys
import time

LIFETIME = 60  # servers give up after this many seconds


def tcp_server(address, port):
    """Accept connections; echo what each sends, then close."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    server = socket.socket(family, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    server.bind((address, int(port)))
    server.listen(8)
    server.settimeout(1)
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        try:
            connection, _peer = server.accept()
        except socket.timeout:
            continue
        connection.settimeout(5)
        with connection:
            try:
                while True:
                    data = connection.recv(65536)
                    if not data:
                        break
                    connection.sendall(data.upper())
            except OSError:
                pass


def tcp_client(address, port, *payloads):
    """Connect, send each payload and read its echo, close first."""
    with socket.create_connection((address, int(port)), timeout=5) as client:
        for payload in payloads:
            data = payload.encode()
            client.sendall(data)
            received = b""
            while len(received) < len(data):
                chunk = client.recv(65536)
                if not chunk:
                    break
                received += chunk
            time.sleep(0.05)
        client.shutdown(socket.SHUT_WR)
        client.recv(1)


def tcp_refused(address, port):
    """A connection the peer resets."""
    try:
        socket.create_connection((address, int(port)), timeout=2).close()
    except OSError:
        pass


def udp_send(address, port, source_port, *payloads):
    """Datagrams from a fixed source port; an answer is waited for briefly."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.bind(("::" if family == socket.AF_INET6 else "0.0.0.0", int(source_port)))
        for payload in payloads:
            sock.sendto(payload.encode(), (address, int(port)))
            select.select([sock], [], [], 0.1)
            try:
                sock.recv(65536, socket.MSG_DONTWAIT)
            except OSError:
                pass


def udp_echo(address, port):
    """Answer each datagram with its upper-case copy."""
    family = socket.AF_INET6 if ":" in address else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.bind((address, int(port)))
        print("ready", flush=True)
        deadline = time.monotonic() + LIFETIME
        while time.monotonic() < deadline:
            if select.select([sock], [], [], 1)[0]:
                data, peer = sock.recvfrom(65536)
                sock.sendto(data.upper(), peer)


def mld(interface, *groups):
    """Join IPv6 groups (GROUP or GROUP/SOURCE for a source-specific join), then leave."""
    sock = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
    index = socket.if_nametoindex(interface)
    joined = []
    for group in groups:
        address, _slash, source = group.partition("/")
        if source:
            request = _group_source_req(index, address, source)
            sock.setsockopt(socket.IPPROTO_IPV6, 46, request)  # MCAST_JOIN_SOURCE_GROUP
            joined.append((47, request))  # MCAST_LEAVE_SOURCE_GROUP
        else:
            request = socket.inet_pton(socket.AF_INET6, address) + struct.pack("@I", index)
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP, request)
            joined.append((socket.IPV6_LEAVE_GROUP, request))
        time.sleep(0.2)
    for option, request in joined:
        sock.setsockopt(socket.IPPROTO_IPV6, option, request)
        time.sleep(0.2)
    sock.close()


def _group_source_req(index, group, source):
    """struct group_source_req: the interface, then two sockaddr_storage."""
    def storage(address):
        sockaddr = struct.pack("=H", socket.AF_INET6) + struct.pack("!HI", 0, 0) + \
            socket.inet_pton(socket.AF_INET6, address) + struct.pack("=I", 0)
        return sockaddr + bytes(128 - len(sockaddr))
    return struct.pack("=I", index) + bytes(4) + storage(group) + storage(source)


def icmp6_send(interface, destination, kind):
    """A router solicitation or advertisement, sent through a raw ICMPv6 socket."""
    sock = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_ICMPV6)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
    sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 255)
    mac = bytes.fromhex(open("/sys/class/net/%s/address" % interface).read().strip()
                        .replace(":", ""))
    if kind == "rs":
        message = struct.pack("!BBHI", 133, 0, 0, 0) + bytes([1, 1]) + mac
    else:
        prefix = socket.inet_pton(socket.AF_INET6, "2001:db8:1::")
        message = struct.pack("!BBHBBHII", 134, 0, 0, 64, 0xC0, 1800, 30000, 1000) + \
            bytes([1, 1]) + mac + struct.pack("!BBHI", 5, 1, 0, 1400) + \
            struct.pack("!BBBBIII", 3, 4, 64, 0xC0, 86400, 14400, 0) + prefix
    sock.sendto(message, (destination, 0, 0, socket.if_nametoindex(interface)))
    sock.close()


def tun_hold(name, *addresses):
    """Create tun device NAME (raw IP, no packet information), put ADDRESSES on
    it and keep it up, reading and dropping what is routed to it."""
    import fcntl
    import os
    import subprocess

    descriptor = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(descriptor, 0x400454CA, struct.pack("16sH", name.encode(), 0x0001 | 0x1000))
    for address in addresses:
        subprocess.run(["ip", "addr", "add", address, "dev", name, "nodad"] if ":" in address
                       else ["ip", "addr", "add", address, "dev", name], check=True)
    subprocess.run(["ip", "link", "set", name, "up"], check=True)
    print("ready", flush=True)
    deadline = time.monotonic() + LIFETIME
    while time.monotonic() < deadline:
        if select.select([descriptor], [], [], 1)[0]:
            os.read(descriptor, 65536)


def raw_send(family, destination, hexdata):
    """One whole packet sent as given, checksums and all: an IP packet ("4", "6";
    the kernel fills in an IPv4 header's length and checksum) or an Ethernet
    frame ("eth", `destination` naming the interface)."""
    if family == "eth":
        sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        sock.bind((destination, 0))
        sock.send(bytes.fromhex(hexdata))
    else:
        sock = socket.socket(socket.AF_INET6 if family == "6" else socket.AF_INET,
                             socket.SOCK_RAW, socket.IPPROTO_RAW)
        sock.sendto(bytes.fromhex(hexdata), (destination, 0))
    sock.close()


def dns_queries(server, *queries):
    """QUERY is NAME/TYPE[/flags]: flags u (UDP, default), t (TCP), e (EDNS), d (DO),
    n (no recursion desired), c (a cookie and NSID option)."""
    import dns.edns
    import dns.flags
    import dns.message
    import dns.query

    for query in queries:
        name, rdtype, *rest = query.split("/")
        flags = rest[0] if rest else ""
        options = []
        if "c" in flags:
            options = [dns.edns.GenericOption(dns.edns.NSID, b""),
                       dns.edns.GenericOption(dns.edns.COOKIE, bytes(range(8)))]
        message = dns.message.make_query(
            name, rdtype, use_edns=0 if ("e" in flags or options) else False,
            want_dnssec="d" in flags, options=options or None)
        if "n" in flags:
            message.flags &= ~dns.flags.RD
        send = dns.query.tcp if "t" in flags else dns.query.udp
        try:
            send(message, server, timeout=2)
        except Exception:  # a truncated or refused answer still went on the wire
            pass
        time.sleep(0.02)


ACTIONS = {name: function for name, function in globals().items()
           if callable(function) and not name.startswith("_") and function.__module__ == __name__}

if __name__ == "__main__":
    ACTIONS[sys.argv[1].replace("-", "_")](*sys.argv[2:])
