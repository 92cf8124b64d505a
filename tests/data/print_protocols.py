"""Crafted packets of the protocols the printer decodes beyond the captured
corpus (MPLS, PPPoE, BSD loopback, LLC and SNAP, IGMP, VRRP, ESP, AH, PIM,
SCTP, the text protocols over TCP, BOOTP), for tests that print them beside
tcpdump.

`savefile(linktype, frames)` is a pcap file's bytes; `ETHERNET_FRAMES` are
compared under every printing option, `SUMMARY_FRAMES` only without -v
(where tcpdump describes fields the printer leaves out, see MANUAL_NOTES),
`LOOPBACK_FRAMES` are BSD loopback's (link type NULL)."""

import io
import socket
import struct

from pynettools.capture.packet import Packet
from pynettools.capture.savefile import PcapWriter
from tests.data import bpf_frames as frames
from tests.data.crafted import _pseudo4, _pseudo6, ipv4, ipv6, tcp, udp, with_checksum
from pynettools.decode.checksum import checksum

A4, B4, GROUP, ALL_HOSTS = "192.0.2.1", "192.0.2.2", "239.1.2.3", "224.0.0.1"
A6, B6 = "2001:db8::1", "2001:db8::2"
PSH_ACK = 0x18


def _summed(message, at=2):
    """An IGMP/VRRP/PIM message with its checksum set."""
    return message[:at] + struct.pack("!H", checksum(message)) + message[at + 2:]


def _segment(payload, sport=40000, dport=80, source=A4, destination=B4):
    segment = tcp(sport, dport, 1000, 2000, PSH_ACK, payload=payload)
    segment = with_checksum(segment, _pseudo4(source, destination, 6, len(segment)), 16)
    return frames.ether(ipv4(source, destination, 6, segment))


def _igmp(message, destination=GROUP, ttl=1):
    return frames.ether(ipv4(A4, destination, 2, message, ttl=ttl))


def _vrrp(message, ttl=255):
    return frames.ether(ipv4(A4, "224.0.0.18", 112, message, ttl=ttl))


def _igmp_messages():
    group = socket.inet_aton(GROUP)
    v3_query = _summed(struct.pack("!BBH4sBBH", 0x11, 0x8A, 0, group, 2, 125, 2) +
                       socket.inet_aton(A4) + socket.inet_aton(B4))
    records = struct.pack("!BBH4s", 4, 0, 0, group) + \
        struct.pack("!BBH4s4s", 1, 0, 1, socket.inet_aton("239.9.9.9"), socket.inet_aton(A4))
    v3_report = _summed(struct.pack("!BBHHH", 0x22, 0, 0, 0, 2) + records)
    return [
        _igmp(_summed(struct.pack("!BBH4s", 0x16, 0, 0, group))),
        _igmp(_summed(struct.pack("!BBH4s", 0x17, 0, 0, group)), "224.0.0.2"),
        _igmp(_summed(struct.pack("!BBH4s", 0x11, 0, 0, bytes(4))), ALL_HOSTS),
        _igmp(_summed(struct.pack("!BBH4s", 0x11, 50, 0, group))),
        _igmp(_summed(struct.pack("!BBH4s", 0x12, 0, 0, group))),
        _igmp(struct.pack("!BBH4s", 0x16, 0, 0x1234, group)),  # a wrong checksum
        _igmp(_summed(struct.pack("!BBH4s", 0x33, 0, 0, group))),
        _igmp(v3_query, ALL_HOSTS),
        _igmp(_summed(struct.pack("!BBH4sBBH", 0x11, 100, 0, bytes(4), 0, 0, 0)), ALL_HOSTS),
        _igmp(v3_report, "224.0.0.22"),
    ]


def _vrrp_messages():
    addresses = socket.inet_aton("192.0.2.100") + socket.inet_aton("192.0.2.101")
    v2 = _summed(struct.pack("!BBBBBBH", 0x21, 7, 100, 2, 1, 1, 0) + addresses + b"secret\0\0",
                 6)
    v3 = struct.pack("!BBBBHH", 0x31, 9, 200, 1, 100, 0) + socket.inet_aton("192.0.2.100")
    pseudo = _pseudo4(A4, "224.0.0.18", 112, len(v3))
    v3 = v3[:6] + struct.pack("!H", checksum(pseudo + v3)) + v3[8:]
    return [_vrrp(v2), _vrrp(v3), _vrrp(v2, ttl=64),
            _vrrp(struct.pack("!BBBBBBH", 0x22, 7, 100, 0, 0, 1, 0))]


def _ipsec_packets():
    inner = with_checksum(tcp(40000, 80, 1, 0, 2), _pseudo4(A4, B4, 6, 20), 16)
    ah = struct.pack("!BBHII", 6, 4, 0, 0x1000, 7) + bytes(range(12)) + inner
    inner6 = udp(40000, 9, b"data")
    ah6 = struct.pack("!BBHII", 17, 1, 0, 0x2000, 8) + b"\xaa" * 4 + inner6
    return [
        frames.ether(ipv4(A4, B4, 50, struct.pack("!II", 0x12345678, 42) + bytes(16))),
        frames.ether(ipv4(A4, B4, 51, ah)),
        frames.ether(ipv6(A6, B6, 51, ah6), frames.ETH_IPV6),
    ]


def _sctp_packets():
    common = struct.pack("!HHII", 5000, 36412, 0xABCDEF01, 0)
    return [frames.ether(ipv4(A4, B4, 132, common)),
            frames.ether(ipv6(A6, B6, 132, common), frames.ETH_IPV6),
            frames.ether(ipv4(A4, B4, 132, common[:8]))]


def _tunnel_frames():
    packet4 = ipv4(A4, B4, 6, with_checksum(tcp(40000, 80, 1, 0, 2), _pseudo4(A4, B4, 6, 20),
                                            16))
    packet6 = ipv6(A6, B6, 17, with_checksum(udp(40000, 9, b"x"), _pseudo6(A6, B6, 17, 9), 6))
    tags = struct.pack("!HH", 0x0101, 0) + struct.pack("!HH", 0x0102, 3) + b"ac1" + \
        struct.pack("!HH", 0x0103, 4) + b"\x00\x01\x02\x03"
    pado = struct.pack("!BBHH", 0x11, 0x07, 0, len(tags)) + tags
    return [
        frames.ether(frames.mpls(packet4, 0), 0x8847),
        frames.ether(frames.mpls(frames.mpls(packet6, 2), 16, bottom=False), 0x8847),
        frames.ether(frames.mpls(b"\x00\x01\x02\x03", 1000), 0x8847),
        frames.ether(frames.mpls(packet4, 3, ttl=1), 0x8848),
        frames.ether(frames.pppoe_session(packet4, 0x1234), 0x8864),
        frames.ether(frames.pppoe_session(packet6, 0x1, 0x0057), 0x8864),
        frames.ether(pado, 0x8863, dst=frames.MAC_A, src=frames.MAC_B),
        frames.ether(frames.pppoe_discovery(0xA7, 0x1234), 0x8863),
    ]


def _text_frames():
    request = b"GET /index.html HTTP/1.1\r\nHost: www.example.com\r\nAccept: */*\r\n\r\n"
    return [
        _segment(request),
        _segment(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 80, 40000, B4, A4),
        _segment(b"more of the body, no request line\r\n"),
        _segment(b"GET / HTTP/1.0\r\n\x01\x02binary"),
        _segment(b"220 ftp.example.com ready\r\n", 21, 40001, B4, A4),
        _segment(b"USER anonymous\r\n", 40001, 21),
        _segment(b"EHLO client.example.com\r\n", 40002, 25),
        _segment(b"OPTIONS rtsp://example.com/media RTSP/1.0\r\nCSeq: 1\r\n\r\n", 40003,
                 554),
        _segment(b"example.com\r\n", 40004, 43),
        _segment(b"GET /no/line/end", 40005, 8080),
    ]


def _pim_packets():
    return [frames.ether(ipv4(A4, "224.0.0.13", 103, _summed(b"\x30\x00\x00\x00" + bytes(4)),
                              ttl=1))]


def _llc_frames():
    packet4 = ipv4(A4, B4, 1, b"\x08\x00\xf7\xfe\x00\x01\x00\x00")
    padded = frames.ieee8023(frames.llc(0x64, 0x64, 0x03, b"abc")) + bytes(20)  # to 60 bytes
    return [
        frames.ieee8023(frames.llc(0x64, 0x64, 0x03, b"some payload")),
        frames.ieee8023(frames.llc(0x42, 0x42, 0xE3, bytes(10))),
        frames.ieee8023(frames.llc(0x04, 0x04, 0xBF, b"\x81\x01\x00")),
        frames.ieee8023(frames.llc(0x04, 0x05, 0xAF)),
        frames.ieee8023(frames.llc(0x05, 0x04, 0x7F, b"x")),
        frames.ieee8023(frames.llc(0x04, 0x06, 0x0A, b"\x0b" + b"data")),
        frames.ieee8023(frames.llc(0xF1, 0xF1, 0x09, b"\x0b")),
        frames.ieee8023(frames.llc(0x06, 0x06, 0x03, packet4)),
        frames.ieee8023(frames.snap(0, 0x0800, packet4)),
        frames.ieee8023(frames.snap(0, 0x1234, b"opaque")),
        frames.ieee8023(frames.snap(0x00000C, 0x0123, b"opaque")),
        padded,
    ] + [frames.ieee8023(frames.llc(0x42, 0x42, 0x03, bpdu), dst="01:80:c2:00:00:00")
         for bpdu in _bpdus()] + [
        frames.ieee8023(frames.snap(0x00000C, 0x010B, _bpdus()[1]), dst="01:00:0c:cc:cc:cd")]


def _bpdus():
    """802.1d config (topology change flags), TCN, 802.1w, 802.1s with an MSTI,
    an unknown version and a short one."""
    root, bridge = bytes.fromhex("8000020000000001"), bytes.fromhex("8001020000000002")
    times = struct.pack("!HHHH", 256, 20 * 256, 2 * 256, 15 * 256)
    config = struct.pack("!HBBB", 0, 0, 0, 0x81) + root + struct.pack("!I", 4) + bridge + \
        struct.pack("!H", 0x8001) + times
    rapid = struct.pack("!HBBB", 0, 2, 2, 0x7C) + root + struct.pack("!I", 20000) + bridge + \
        struct.pack("!H", 0x8002) + times + b"\0"
    msti = struct.pack("!B", 0x2C) + bytes.fromhex("8005020000000003") + \
        struct.pack("!IBBB", 200, 0x80, 0x90, 19)
    name = b"region-1".ljust(32, b"\0")
    mstp = struct.pack("!HBBB", 0, 3, 2, 0x3C) + root + struct.pack("!I", 0) + bridge + \
        struct.pack("!H", 0x8003) + times + b"\0" + struct.pack("!HB", 64 + 16, 0) + name + \
        struct.pack("!H", 7) + bytes(range(16)) + struct.pack("!I", 10) + bridge + b"\x14" + msti
    return [config, struct.pack("!HBB", 0, 0, 0x80), rapid, mstp,
            struct.pack("!HBB", 0, 5, 0) + bytes(32), config[:20]]


ETHERNET_FRAMES = (_igmp_messages() + _vrrp_messages() + _ipsec_packets() + _sctp_packets() +
                   _tunnel_frames() + _text_frames() + _pim_packets() + _llc_frames())


def _bootp_request():
    body = struct.pack("!BBBBIHH4s4s4s4s16s64s128s4s", 1, 1, 6, 0, 0x1234, 0, 0x8000,
                       bytes(4), bytes(4), bytes(4), bytes(4), frames.mac("02:00:00:00:00:0a"),
                       b"", b"", b"\x63\x82\x53\x63") + b"\x35\x01\x01\xff"
    return frames.ether(ipv4("0.0.0.0", "255.255.255.255", 17, udp(68, 67, body)),
                        dst=frames.BROADCAST)


def _lldp_frames():
    """A whole LLDPDU, and one whose last TLV claims more than the frame holds."""
    tlvs = b"\x02\x07\x04" + frames.mac("02:00:00:00:00:0a") + b"\x04\x05\x05eth0" + \
        b"\x06\x02\x00\x78" + b"\x0a\x05host1"
    return [frames.ether(tlvs + b"\x00\x00", 0x88CC, dst="01:80:c2:00:00:0e"),
            frames.ether(tlvs + b"\x0c\x40abc", 0x88CC, dst="01:80:c2:00:00:0e")]


SUMMARY_FRAMES = _lldp_frames() + [
    _bootp_request(),
    frames.ether(ipv4(A4, B4, 17, udp(67, 68, b"\x02\x01\x06\x00" + bytes(40)))),
    frames.ether(ipv4(A4, "224.0.0.13", 103, _summed(b"\x20\x00\x00\x00\x00\x01\x00\x02"
                                                     b"\x00\x69"), ttl=1)),
]
LOOPBACK_FRAMES = [
    struct.pack("=I", 2) + ipv4(A4, B4, 1, b"\x08\x00\xf7\xfe\x00\x01\x00\x00"),
    struct.pack("=I", 30) + ipv6(A6, B6, 59, b""),
    struct.pack("!I", 24) + ipv6(A6, B6, 59, b""),
    struct.pack("=I", 99) + b"\x00\x01\x02\x03",
    b"\x02\x00",
]


def savefile(linktype, packets, snaplen=262144, cut=None):
    """A pcap file of `packets` (bytes), each cut to `cut` bytes when given."""
    stream = io.BytesIO()
    writer = PcapWriter(stream, linktype, snaplen)
    for number, data in enumerate(packets):
        stamp = (1_700_000_000 + number) * 1_000_000_000
        writer.write(Packet(stamp, len(data), data[:cut] if cut else data, linktype, 0))
    return stream.getvalue()
