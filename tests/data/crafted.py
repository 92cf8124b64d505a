"""Packets the kernel would not build on its own, for the corpus's `crafted`
scenario: options, flags and header types of every kind the printer knows,
some with wrong checksums.  `packets()` yields (family, destination, bytes):
family "4"/"6" is a whole IP packet for a raw IP socket, "eth" a whole
Ethernet frame (destination then names the interface)."""

import socket
import struct

from pynettools.decode.checksum import checksum


def ipv4(source, destination, protocol, payload, options=b"", ttl=64, ident=0x1234,
         fragment=0, tos=0, bad_checksum=False):
    header_length = 20 + len(options)
    header = struct.pack("!BBHHHBBH4s4s", 0x40 | header_length // 4, tos,
                         header_length + len(payload), ident, fragment, ttl, protocol, 0,
                         socket.inet_aton(source), socket.inet_aton(destination)) + options
    value = checksum(header) ^ (0x5555 if bad_checksum else 0)
    return header[:10] + struct.pack("!H", value) + header[12:] + payload


def ipv6(source, destination, next_header, payload, hop_limit=64):
    return struct.pack("!IHBB16s16s", 0x60000000, len(payload), next_header, hop_limit,
                       socket.inet_pton(socket.AF_INET6, source),
                       socket.inet_pton(socket.AF_INET6, destination)) + payload


def _pseudo4(source, destination, protocol, length):
    return socket.inet_aton(source) + socket.inet_aton(destination) + \
        struct.pack("!BBH", 0, protocol, length)


def _pseudo6(source, destination, protocol, length):
    return socket.inet_pton(socket.AF_INET6, source) + \
        socket.inet_pton(socket.AF_INET6, destination) + struct.pack("!IxxxB", length, protocol)


def with_checksum(segment, pseudo, offset, bad=False):
    value = checksum(pseudo + segment) ^ (0x0F0F if bad else 0)
    return segment[:offset] + struct.pack("!H", value) + segment[offset + 2:]


def tcp(sport, dport, seq, ack, flags, options=b"", payload=b"", window=8192, urgent=0):
    options += b"\0" * (-len(options) % 4)
    offset = (20 + len(options)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, offset << 4, flags, window, 0,
                       urgent) + options + payload


def udp(sport, dport, payload, length=None):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload) if length is None else length,
                       0) + payload


FIN, SYN, RST, PSH, ACK, URG, ECE, CWR = 1, 2, 4, 8, 16, 32, 64, 128
TCP_OPTIONS = (b"\x02\x04\x05\xb4"                       # mss 1460
               b"\x01\x03\x03\x0e"                       # nop, wscale 14
               b"\x04\x02"                               # sackOK
               b"\x08\x0a\x00\x00\x10\x00\x00\x00\x20\x00"  # TS val 4096 ecr 8192
               b"\x05\x12" + struct.pack("!IIII", 1000, 2000, 3000, 4000) +  # sack 2
               b"\x13\x12" + bytes(range(16)) +          # md5
               b"\x63\x04\xab\xcd"                       # unknown kind 99
               b"\x00")                                  # eol


def tcp_packets(a4, b4, a6, b6):
    segments = [
        tcp(40100, 9, 1000, 0, SYN, TCP_OPTIONS[:20]),
        tcp(40101, 9, 2000, 5000, ACK, TCP_OPTIONS[20:38] + TCP_OPTIONS[56:]),
        tcp(40109, 9, 2100, 5100, ACK | PSH, TCP_OPTIONS[38:56], payload=b"signed"),
        tcp(40102, 9, 3000, 6000, ACK | PSH | URG, payload=b"urgent!", urgent=3),
        tcp(40103, 9, 4000, 0, SYN | ECE | CWR, b"\x02\x04\x05\x78"),
        tcp(40104, 9, 5000, 0, 0),
        tcp(40105, 9, 6000, 0, FIN | PSH | URG),
        tcp(40106, 9, 7000, 7100, RST | ACK, window=0),
        tcp(40107, 9, 8000, 0, SYN, b"\x02\x03\x05"),   # an option longer than it says
    ]
    for index, segment in enumerate(segments):
        pseudo = _pseudo4(a4, b4, 6, len(segment))
        yield "4", b4, ipv4(a4, b4, 6, with_checksum(segment, pseudo, 16, bad=index == 1))
    segment = tcp(40108, 9, 9000, 0, SYN, TCP_OPTIONS[:20])
    yield "6", b6, ipv6(a6, b6, 6, with_checksum(segment, _pseudo6(a6, b6, 6, len(segment)), 16))


def ip_packets(a4, b4, a6, b6):
    payload = udp(40200, 9, b"options")
    for options in (b"\x83\x07\x04" + socket.inet_aton(b4) + b"\x01",   # lsrr, nop
                    b"\x94\x04\x00\x00",                                # router alert
                    b"\x01\x01\x01\x00",                                # nop nop nop eol
                    b"\x07\x07\x04\x00\x00\x00\x00\x01",                # rr, room for one
                    b"\x99\x04\x12\x34"):                               # unknown
        yield "4", b4, ipv4(a4, b4, 17, payload, options=options)
    # a raw IP socket would fix the header checksum: this one goes out as a frame
    yield "eth", "a0", b"\xff" * 6 + bytes.fromhex("020000000001") + b"\x08\x00" + \
        ipv4(a4, b4, 17, payload, bad_checksum=True)
    yield "4", b4, ipv4(a4, b4, 17, payload, tos=0xB9)
    yield "4", b4, ipv4(a4, b4, 253, b"experimental payload")
    yield "4", b4, ipv4(a4, b4, 17, udp(40201, 9, b"no checksum"))
    yield "4", b4, ipv4(a4, b4, 17, udp(40202, 9, b"short", length=30))
    yield "4", b4, ipv4(a4, b4, 17, udp(40203, 9, b"", length=4))
    pad_n = b"\x01\x04\0\0\0\0"
    extensions = [
        (0, bytes([17, 0]) + b"\x05\x02\x00\x00" + b"\x01\x00"),          # hbh: router alert
        (60, bytes([17, 0]) + b"\xc2\x04\x00\x01\x00\x00"),               # dst: unknown type
        (60, bytes([17, 0]) + pad_n),
        (43, bytes([17, 2, 0, 1, 0, 0, 0, 0]) + socket.inet_pton(socket.AF_INET6, b6)),
        (43, bytes([17, 2, 4, 0, 0, 0, 0, 0]) + socket.inet_pton(socket.AF_INET6, b6)),
        (44, bytes([17, 0]) + struct.pack("!HI", 0x0001, 0xABCD)),        # first fragment, M
        (44, bytes([17, 0]) + struct.pack("!HI", 0x0010, 0xABCD)),        # a later fragment
    ]
    for next_header, header in extensions:
        body = udp(40210 + next_header, 9, b"extension headers")
        body = with_checksum(body, _pseudo6(a6, b6, 17, len(body)), 6)
        yield "6", b6, ipv6(a6, b6, next_header, header + body)
    yield "6", b6, ipv6(a6, b6, 59, b"")
    yield "6", b6, ipv6(a6, b6, 60, bytes([59, 0]) + pad_n)


def icmp_packets(a4, b4, a6, b6):
    messages4 = [struct.pack("!BBHHHIII", 13, 0, 0, 7, 1, 1000, 0, 0),     # timestamp
                 struct.pack("!BBHHH", 15, 0, 0, 7, 2),                    # info request
                 struct.pack("!BBHHHI", 17, 0, 0, 7, 3, 0),                # mask request
                 struct.pack("!BBHBBHII", 9, 0, 0, 1, 2, 1800,
                             struct.unpack("!I", socket.inet_aton(a4))[0], 0),  # router adv
                 struct.pack("!BBHI", 10, 0, 0, 0),                        # solicitation
                 struct.pack("!BBHBxxx", 12, 0, 0, 20) + ipv4(b4, a4, 17, udp(9, 1, b"")),
                 struct.pack("!BBH4s", 5, 1, 0, socket.inet_aton(b4)) +
                 ipv4(a4, b4, 17, udp(1, 9, b"")),
                 struct.pack("!BBHI", 4, 0, 0, 0) + ipv4(a4, b4, 6, tcp(1, 9, 0, 0, SYN)[:8]),
                 struct.pack("!BBHHH", 8, 0, 0x1111, 7, 4) + b"bad checksum"]
    for index, message in enumerate(messages4):
        value = checksum(message) if index < len(messages4) - 1 else 0x1111
        yield "4", b4, ipv4(a4, b4, 1, message[:2] + struct.pack("!H", value) + message[4:])
    target = socket.inet_pton(socket.AF_INET6, b6)
    messages6 = [struct.pack("!BBHI", 136, 0, 0, 0xE0000000) + target + b"\x02\x01" + bytes(6),
                 struct.pack("!BBHI", 137, 0, 0, 0) + target + target,
                 struct.pack("!BBHHH", 130, 0, 0, 1000, 0) + bytes(16) +
                 struct.pack("!BBH", 2, 125, 0),                           # MLDv2 query
                 struct.pack("!BBHHH", 131, 0, 0, 0, 0) + target,          # MLDv1 report
                 struct.pack("!BBHHH", 132, 0, 0, 0, 0) + target,          # MLD done
                 struct.pack("!BBHI", 4, 0, 0, 40) + ipv6(b6, a6, 17, udp(9, 1, b"")),
                 struct.pack("!BBHHH", 128, 0, 0, 7, 5) + b"bad checksum",
                 struct.pack("!BBH", 200, 0, 0) + b"private"]
    for index, message in enumerate(messages6):
        value = checksum(_pseudo6(a6, b6, 58, len(message)) + message)
        if index == 6:
            value ^= 0xFF
        yield "6", b6, ipv6(a6, b6, 58, message[:2] + struct.pack("!H", value) + message[4:])


def frames(interface, a4, b4):
    """Ethernet frames sent on `interface` through a packet socket."""
    mac = bytes.fromhex("020000000001")
    broadcast = b"\xff" * 6

    def arp(operation, sender, target, target_mac=bytes(6), ethertype=0x0806):
        return broadcast + mac + struct.pack("!H", ethertype) + struct.pack(
            "!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, operation, mac, socket.inet_aton(sender),
            target_mac, socket.inet_aton(target))

    yield "eth", interface, arp(2, a4, a4)                          # gratuitous reply
    yield "eth", interface, arp(1, a4, a4)                          # gratuitous request
    yield "eth", interface, arp(3, a4, a4, mac, 0x8035)            # RARP request
    yield "eth", interface, arp(8, a4, b4)                          # InARP request
    yield "eth", interface, broadcast + mac + b"\x88\xb5" + b"local experimental" * 3
    yield "eth", interface, broadcast + mac + b"\x08\x00" + bytes([0x45]) + bytes(8)


def vlan_frames(interface, a4, r4, a6, r6):
    """Frames with one 802.1Q tag, or an 802.1ad tag around an 802.1Q one."""
    mac, peer = bytes.fromhex("020000000001"), bytes.fromhex("020000000002")
    arp = struct.pack("!HHBBH6s4s6s4s", 1, 0x0800, 6, 4, 1, mac, socket.inet_aton(a4),
                      bytes(6), socket.inet_aton(r4))
    echo = struct.pack("!BBHHH", 8, 0, 0, 0x77, 1) + b"tagged"
    echo = echo[:2] + struct.pack("!H", checksum(echo)) + echo[4:]
    datagram = udp(40030, 9, b"over vlan")
    datagram = with_checksum(datagram, _pseudo6(a6, r6, 17, len(datagram)), 6)
    for tags, ethertype, payload in (
            ([(0x8100, 10)], 0x0806, arp),
            ([(0x8100, (3 << 13) | 10)], 0x0800, ipv4(a4, r4, 1, echo)),
            ([(0x8100, (1 << 12) | 4094)], 0x86DD, ipv6(a6, r6, 17, datagram)),
            ([(0x88A8, 20), (0x8100, 30)], 0x0800, ipv4(a4, r4, 1, echo)),
            ([(0x8100, 10)], 0x88B5, b"unknown inside a tag")):
        header = peer if ethertype != 0x0806 else b"\xff" * 6
        header += mac + b"".join(struct.pack("!HH", tpid, tci) for tpid, tci in tags)
        yield "eth", interface, header + struct.pack("!H", ethertype) + payload


def icmp6_packets(a6, b6):
    """ICMPv6 codes, router advertisement options, MLDv2 with sources."""
    target = socket.inet_pton(socket.AF_INET6, b6)
    quoted = ipv6(b6, a6, 17, udp(9, 1, b""))
    prefix = socket.inet_pton(socket.AF_INET6, "2001:db8:7::")
    options = (struct.pack("!BBBBIII", 3, 4, 48, 0xE0, 0xFFFFFFFF, 600, 0) + prefix +
               struct.pack("!BBHI", 5, 2, 0, 1280) + bytes(8) +
               struct.pack("!BBHI", 25, 3, 0, 300) + target +
               struct.pack("!BBBBI", 24, 2, 48, 0x08, 900) + bytes(8) +
               struct.pack("!BBHI", 7, 1, 0, 5000) + struct.pack("!BBHhH", 8, 1, 0, 5, 60) +
               struct.pack("!BB", 99, 1) + bytes(6))
    query = struct.pack("!BBHHH", 130, 0, 0, 0x8123, 0) + bytes(16) + \
        struct.pack("!BBH", 0x0A, 200, 2) + target + target
    record = struct.pack("!BBH", 5, 1, 1) + socket.inet_pton(socket.AF_INET6, "ff3e::1") + \
        target + bytes(4)
    messages = [struct.pack("!BBHI", 1, 2, 0, 0) + quoted,
                struct.pack("!BBHI", 1, 5, 0, 0) + quoted,
                struct.pack("!BBHI", 3, 1, 0, 0) + quoted,
                struct.pack("!BBHI", 3, 7, 0, 0) + quoted,
                struct.pack("!BBHI", 4, 1, 0, 6) + quoted,
                struct.pack("!BBHI", 4, 9, 0, 6) + quoted,
                struct.pack("!BBHBBHII", 134, 0, 0, 255, 0x38, 1800, 0, 0) + options,
                struct.pack("!BBHI", 135, 0, 0, 0) + target + struct.pack("!BB", 14, 1) +
                bytes(6),
                struct.pack("!BBHI", 137, 0, 0, 0) + target + target +
                struct.pack("!BBHI", 4, 6, 0, 0) + quoted,
                query,
                struct.pack("!BBHHH", 143, 0, 0, 0, 2) + record + record,
                struct.pack("!BBHHH", 130, 0, 0, 100, 0) + bytes(18)]
    for message in messages:
        value = checksum(_pseudo6(a6, b6, 58, len(message)) + message)
        yield "6", b6, ipv6(a6, b6, 58, message[:2] + struct.pack("!H", value) + message[4:])


def packets(a4, b4, a6, b6):
    yield from dns_packets(a4, b4, a6, b6)
    yield from icmp6_packets(a6, b6)
    yield from more_ip_packets(a4, b4, a6, b6)
    yield from tcp_packets(a4, b4, a6, b6)
    yield from ip_packets(a4, b4, a6, b6)
    yield from icmp_packets(a4, b4, a6, b6)
    yield from frames("a0", a4, b4)


def _name(text):
    """A DNS name in wire form (labels given as bytes or text, dot-separated)."""
    if isinstance(text, str):
        text = text.encode()
    if text in (b"", b"."):
        return b"\0"
    return b"".join(bytes((len(label),)) + label for label in text.rstrip(b".").split(b".")) + \
        b"\0"


def dns_message(ident, flags, questions=(), answers=(), authorities=(), additionals=(),
                counts=None):
    """A DNS message: questions are (name, type, class), records (name, type, class, ttl,
    rdata bytes), names in wire form; `counts` overrides the header's four counts."""
    body = b"".join(name + struct.pack("!HH", kind, rdclass) for name, kind, rdclass in questions)
    for section in (answers, authorities, additionals):
        body += b"".join(name + struct.pack("!HHIH", kind, rdclass, ttl, len(rdata)) + rdata
                         for name, kind, rdclass, ttl, rdata in section)
    counts = counts or (len(questions), len(answers), len(authorities), len(additionals))
    return struct.pack("!HH4H", ident, flags, *counts) + body


def dns_messages():
    """Messages with the flags, counts, names and records tcpdump has words for."""
    example, pointer = _name("example.com"), b"\xc0\x0c"
    question = [(example, 1, 1)]
    txt = b"\x05hello\x05world\x00"
    soa = _name("ns1.example.com") + _name("hostmaster.example.com") + \
        struct.pack("!5I", 1, 7200, 3600, 1209600, 300)
    opt = (b"\0", 41, 4096, 0x01008000, b"")  # extended rcode 1 (BADVERS with 0), DO
    options = struct.pack("!HH", 8, 7) + bytes((0, 1, 24, 0, 192, 0, 2)) + \
        struct.pack("!HHH", 11, 2, 300) + struct.pack("!HH", 12, 3) + bytes(3) + \
        struct.pack("!HH", 65001, 2) + b"\xab\xcd" + struct.pack("!HH", 5, 3) + \
        bytes((8, 13, 99)) + struct.pack("!HHB", 6, 1, 2) + struct.pack("!HHB", 7, 1, 1) + \
        struct.pack("!HHI", 9, 4, 3600) + struct.pack("!HH", 8, 4) + bytes((0, 3, 0, 0))
    opt_options = (b"\0", 41, 1232, 0, options)
    yield dns_message(1, 0x2100, question)                     # notify, recursion desired
    yield dns_message(2, 0x2800, [(example, 6, 1)])            # update
    yield dns_message(3, 0x0130, question)                     # AD and CD set
    yield dns_message(4, 0x0100 | 0x0400 | 0x000F, question)   # AA and an rcode: weird bits
    yield dns_message(5, 0x0800, [], [(example, 1, 1, 60, bytes(4))])  # inverse query
    yield dns_message(6, 0x0100, question * 2, [(pointer, 1, 1, 60, bytes(4))],
                      [(pointer, 2, 1, 60, _name("ns"))])
    yield dns_message(7, 0x87A5, [])                           # AA TC RD RA AD, refused
    yield dns_message(8, 0x8180, question, [(b"\xc0\x40", 1, 1, 60, bytes(4))])  # bad pointer
    yield dns_message(9, 0x0100, [(_name(b"a\x01b.\xffc"), 16, 1)])
    yield dns_message(10, 0x0100, [(b"\0", 2, 1)])             # the root
    yield dns_message(11, 0x0000, [(_name("version.bind"), 16, 3)])  # CHAOS
    yield dns_message(12, 0x0100, [(example, 65280, 1)])
    yield dns_message(13, 0x8180, question, [
        (pointer, 16, 1, 3725, txt), (pointer, 6, 1, 86400, soa),
        (pointer, 15, 1, 60, b"\0\x0a" + _name("mail.example.com")),
        (pointer, 33, 1, 60, struct.pack("!HHH", 1, 2, 5060) + _name("sip")),
        (pointer, 39, 1, 60, _name("example.net")),
        (pointer, 28, 1, 60, bytes(15) + b"\x01"), (pointer, 65280, 1, 0, b"\x01\x02"),
        (pointer, 1, 4, 60, bytes(4))], [], [])
    yield dns_message(14, 0x8180, question, [], [], [opt])     # BADVERS through OPT, DO
    yield dns_message(15, 0x0100, question, [], [], [opt_options])
    yield b"\x00\x10\x01\x00"                                  # shorter than a header
    yield dns_message(18, 0x0100, [(b"\x41\x10\xab\xcd" + _name("example"), 1, 1)])  # bits
    yield dns_message(19, 0x0100, [(b"\x83abc\x84", 1, 1)], counts=(1, 0, 0, 0))  # cut


def dns_packets(a4, b4, a6, b6):
    """DNS over UDP to port 53 (nothing listens: b answers with port unreachable),
    mDNS with its QU and cache-flush bits, and DNS over TCP with a wrong prefix."""
    for index, message in enumerate(dns_messages()):
        datagram = udp(40300 + index, 53, message)
        datagram = with_checksum(datagram, _pseudo4(a4, b4, 17, len(datagram)), 6)
        yield "4", b4, ipv4(a4, b4, 17, datagram)
    example = _name("example.local")
    for message in (dns_message(0, 0x0000, [(example, 1, 0x8001)]),
                    dns_message(0, 0x8400, [], [(example, 1, 0x8001, 120, bytes(4))])):
        datagram = udp(5353, 5353, message)
        datagram = with_checksum(datagram, _pseudo4(a4, "224.0.0.251", 17, len(datagram)), 6)
        yield "4", "224.0.0.251", ipv4(a4, "224.0.0.251", 17, datagram, ttl=255)
    message = dns_message(16, 0x0100, [(_name("example.com"), 1, 1)])
    for prefix in (len(message), len(message) + 5):
        segment = tcp(40400, 53, 100, 200, ACK | PSH, payload=struct.pack("!H", prefix) + message)
        yield "4", b4, ipv4(a4, b4, 6, with_checksum(segment, _pseudo4(a4, b4, 6, len(segment)),
                                                    16))
    datagram = udp(40500, 53, dns_message(17, 0x0100, [(_name("example.com"), 28, 1)]))
    datagram = with_checksum(datagram, _pseudo6(a6, b6, 17, len(datagram)), 6)
    yield "6", b6, ipv6(a6, b6, 17, datagram)


def more_ip_packets(a4, b4, a6, b6):
    """IP in IP, ICMP codes and a multi-part ICMP extension, TCP oddities."""
    inner = ipv4("192.0.2.77", "198.51.100.77", 1, struct.pack("!BBHHH", 8, 0, 0xF7FD, 1, 1))
    yield "4", b4, ipv4(a4, b4, 4, inner)
    echo6 = struct.pack("!BBHHH", 128, 0, 0, 1, 1)
    echo6 = echo6[:2] + struct.pack("!H", checksum(_pseudo6(a6, b6, 58, 8) + echo6)) + echo6[4:]
    yield "4", b4, ipv4(a4, b4, 41, ipv6(a6, b6, 58, echo6))
    quoted = ipv4(b4, a4, 17, udp(33434, 33435, bytes(12)))
    for kind, code, extra in ((3, 5, 0), (3, 7, 0), (3, 9, 0), (3, 12, 0), (3, 15, 0),
                              (3, 20, 0), (3, 4, 0), (5, 0, 0), (5, 2, 0), (5, 7, 0),
                              (11, 1, 0), (11, 5, 0), (12, 1, 0), (18, 0, 0xFFFFFF00)):
        message = struct.pack("!BBHI", kind, code, 0, extra) + quoted
        message = message[:2] + struct.pack("!H", checksum(message)) + message[4:]
        yield "4", b4, ipv4(a4, b4, 1, message)
    padded = quoted + bytes(128 - len(quoted))
    extension = struct.pack("!BBH", 0x20, 0, 0) + struct.pack("!HBB", 8, 1, 1) + \
        struct.pack("!I", (16001 << 12) | (5 << 9) | 0x100 | 64)
    extension = extension[:2] + struct.pack("!H", checksum(extension)) + extension[4:]
    message = struct.pack("!BBHBBH", 11, 0, 0, 0, 32, 0) + padded + extension
    message = message[:2] + struct.pack("!H", checksum(message)) + message[4:]
    yield "4", b4, ipv4(a4, b4, 1, message)
    for segment in (struct.pack("!HHIIBBHHH", 40600, 9, 1, 0, 0x40, SYN, 512, 0, 0),
                    tcp(40601, 9, 1, 0, SYN, b"\x02\x04\x05\xb4" * 10)[:20]):
        yield "4", b4, ipv4(a4, b4, 6, with_checksum(segment, _pseudo4(a4, b4, 6,
                                                                        len(segment)), 16))
    reset = tcp(40602, 9, 5, 6, RST | ACK, payload=b"connection refused: no listener\x01")
    yield "4", b4, ipv4(a4, b4, 6, with_checksum(reset, _pseudo4(a4, b4, 6, len(reset)), 16))
