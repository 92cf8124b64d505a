"""Parsing what raw sockets receive, and building TCP SYN probes.

Everything here takes bytes from the network, so everything checks lengths
before it reads and returns None for what it cannot use: a forged, stray
or truncated message must never become a hop (see tests/unit/probe).
"""

import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up
import struct

from pynettools.models import record

IcmpMessage = record("IcmpMessage", "type code ident sequence mtu quoted extensions")
IcmpMessage.__doc__ = """An ICMP message, as far as a probe can be matched to it.

ident, sequence: the echo identifier and sequence (echo replies only, else None);
mtu: the next-hop MTU of "fragmentation needed" / "packet too big", else None;
quoted: a Quote for errors, else None; extensions: the RFC 4884 extension
structure (bytes) when the error carried one, else None.
"""

Quote = record("Quote", "source destination protocol transport")
Quote.__doc__ = """The header of the probe an ICMP error quotes, and its first transport bytes."""

TcpSegment = record("TcpSegment", "source_port destination_port sequence ack flags")

IPV4_MIN_HEADER, IPV6_HEADER, ICMP_HEADER = 20, 40, 8
ERROR_TYPES = {4: (3, 11, 12), 6: (1, 2, 3, 4)}
ECHO_REPLY = {4: 0, 6: 129}
ORIGINAL_LENGTH = 128  # RFC 4884: the quoted datagram is padded to 128 bytes
SYN, RST, ACK = 0x02, 0x04, 0x10


def ipv4_header(data):
    """(header length, ttl, protocol, source, destination) or None."""
    if len(data) < IPV4_MIN_HEADER or data[0] >> 4 != 4:
        return None
    length = (data[0] & 0x0F) * 4
    if length < IPV4_MIN_HEADER or len(data) < length:
        return None
    return (length, data[8], data[9], socket.inet_ntop(socket.AF_INET, data[12:16]),
            socket.inet_ntop(socket.AF_INET, data[16:20]))


def parse_icmp(version, data):
    """An IcmpMessage from an ICMP message (starting at its type byte), or None."""
    if len(data) < ICMP_HEADER:
        return None
    kind, code = data[0], data[1]
    if kind == ECHO_REPLY[version]:
        ident, sequence = struct.unpack_from("!HH", data, 4)
        return IcmpMessage(kind, code, ident, sequence, None, None, None)
    if kind not in ERROR_TYPES[version]:
        return None
    quoted = _quote(version, data[ICMP_HEADER:])
    if quoted is None:
        return None
    mtu = None
    if version == 4 and (kind, code) == (3, 4):
        mtu = struct.unpack_from("!H", data, 6)[0]
    elif version == 6 and kind == 2:
        mtu = struct.unpack_from("!I", data, 4)[0]
    return IcmpMessage(kind, code, None, None, mtu, quoted, _extensions(version, data))


def _quote(version, data):
    if version == 4:
        header = ipv4_header(data)
        if header is None or len(data) < header[0] + 8:
            return None
        length, _ttl, protocol, source, destination = header
        return Quote(source, destination, protocol, bytes(data[length:]))
    if len(data) < IPV6_HEADER + 8 or data[0] >> 4 != 6:
        return None
    return Quote(socket.inet_ntop(socket.AF_INET6, data[8:24]),
                 socket.inet_ntop(socket.AF_INET6, data[24:40]), data[6],
                 bytes(data[IPV6_HEADER:]))


def _extensions(version, data):
    """The extension structure of an RFC 4884 error, or None.

    The length of the quoted datagram, in 32-bit words (IPv4: byte 5, IPv6:
    byte 4), is non-zero when extensions follow; they start at 8 + 128.
    """
    words = data[5] if version == 4 else data[4]
    start = ICMP_HEADER + ORIGINAL_LENGTH
    if not words or words * 4 < ORIGINAL_LENGTH or len(data) < start + 4:
        return None
    return bytes(data[start:])


def parse_mpls(extensions):
    """[(label, exp, bottom, ttl)] from an RFC 4950 MPLS label stack object."""
    if not extensions or len(extensions) < 4 or extensions[0] >> 4 != 2:
        return []
    labels, offset = [], 4
    while offset + 4 <= len(extensions):
        length, class_number, _ctype = struct.unpack_from("!HBB", extensions, offset)
        if length < 4 or offset + length > len(extensions):
            break
        if class_number == 1:  # MPLS label stack
            for entry in range(offset + 4, offset + length - 3, 4):
                word = struct.unpack_from("!I", extensions, entry)[0]
                labels.append((word >> 12, (word >> 9) & 7, (word >> 8) & 1, word & 0xFF))
        offset += length
    return labels


def parse_tcp(data):
    """A TcpSegment from a TCP header, or None."""
    if len(data) < 20:
        return None
    source, destination, sequence, ack, _offset, flags = struct.unpack_from("!HHIIBB", data)
    return TcpSegment(source, destination, sequence, ack, flags)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


def tcp_syn(af, source, destination, source_port, destination_port, sequence):
    """A 40-byte TCP SYN (MSS, SACK, timestamps, window scale), checksummed."""
    options = struct.pack("!BBHBBBBIIBBBB", 2, 4, 1460, 4, 2, 8, 10, 0, 0, 1, 3, 3, 7)
    header = struct.pack("!HHIIBBHHH", source_port, destination_port, sequence, 0,
                         (40 // 4) << 4, SYN, 65535, 0, 0) + options
    pseudo = socket.inet_pton(af, source) + socket.inet_pton(af, destination)
    pseudo += struct.pack("!HH", 6, len(header)) if af == socket.AF_INET else \
        struct.pack("!I3xB", len(header), 6)
    value = checksum(pseudo + header)
    return header[:16] + struct.pack("!H", value) + header[18:]
