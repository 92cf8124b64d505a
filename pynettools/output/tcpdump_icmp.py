"""ICMP as tcpdump prints it (icmp_print): the message, and at -v the quoted
packet of an error and a multi-part extension (RFC 4884, MPLS labels)."""

import struct

from pynettools.decode import checksum, icmp
from pynettools.decode import names as tables
from pynettools.output import tcpdump_hex
from pynettools.output.tcpdump_common import Cut, need, should_be, u16, u32

UNREACHABLE_FORMATS = {
    0: "net %s unreachable", 1: "host %s unreachable",
    5: "%s unreachable - source route failed", 6: "net %s unreachable - unknown",
    7: "host %s unreachable - unknown", 8: "%s unreachable - source host isolated",
    9: "net %s unreachable - admin prohibited", 10: "host %s unreachable - admin prohibited",
    11: "net %s unreachable - tos prohibited", 12: "host %s unreachable - tos prohibited",
    13: "host %s unreachable - admin prohibited filter",
    14: "host %s unreachable - host precedence violation",
    15: "host %s unreachable - precedence cutoff"}
REDIRECT_FORMATS = {0: "redirect %s to net %s", 1: "redirect %s to host %s",
                    2: "redirect-tos %s to net %s", 3: "redirect-tos %s to host %s"}
EXTENSION_OBJECTS = {1: "MPLS Stack Entry", 2: "Extended Payload"}
EXTENDED_MINIMUM = 136  # the ICMP header and 128 bytes of the original datagram
_ECHO = struct.Struct("!HH")  # identifier, sequence number



def _check(p, start, size):
    """ND_TCHECK: past the captured bytes, icmp_print prints the mark and returns."""
    if start + size > p.end:
        raise Cut()




def print_icmp(p, data, offset, length, version, fragmented, ip_offset):
    out = p.out
    if version != 4:
        out.append("[ICMP requires IPv4] (invalid)")
        return
    p.protocol = "icmp"
    need(p, offset, 2)
    kind, code = data[offset], data[offset + 1]
    text = _message(p, data, offset, kind, code)
    out.append("ICMP %s, length %u" % (text, length))
    # tcpdump 4.99 checks ICMP checksums even with -K
    if p.verbose and not fragmented and offset + length <= p.end:
        computed = checksum.checksum(data[offset:offset + length])
        if computed:
            field = u16(data, offset + 2)
            out.append(" (wrong icmp cksum %x (->%x)!)" % (field, should_be(field, computed)))
    if p.verbose and kind in icmp.ERROR_TYPES:
        out.append("\n\t")
        inner = offset + 8
        saved_end = p.end
        need(p, inner, 4)
        p.print_ipv4(p, data, inner, u16(data, inner + 2))
        p.end = saved_end
    if p.verbose and length > EXTENDED_MINIMUM and kind in icmp.EXTENDED_TYPES:
        p.protocol = "icmp"
        _print_extension(p, data, offset, length)


def _message(p, data, offset, kind, code):
    host = p.names.ipv4
    if kind == icmp.ECHO or kind == icmp.ECHO_REPLY:
        need(p, offset, 8)
        return "echo %s, id %u, seq %u" % ("request" if kind == icmp.ECHO else "reply",
                                          *_ECHO.unpack_from(data, offset + 4))
    if kind == icmp.UNREACHABLE:
        return _unreachable(p, data, offset, code)
    if kind == icmp.REDIRECT:
        _check(p, offset, 28)
        text = REDIRECT_FORMATS.get(code, "redirect-#%u %%s to %%s" % code)
        return text % (host(data[offset + 24:offset + 28]), host(data[offset + 4:offset + 8]))
    if kind == icmp.ROUTER_ADVERTISEMENT:
        return _router_advertisement(p, data, offset)
    if kind == icmp.TIME_EXCEEDED:
        _check(p, offset, 28)
        return {0: "time exceeded in-transit", 1: "ip reassembly time exceeded"}.get(
            code, "time exceeded-#%u" % code)
    if kind == icmp.PARAMETER_PROBLEM:
        if code:
            return "parameter problem - code %u" % code
        need(p, offset, 5)
        return "parameter problem - octet %u" % data[offset + 4]
    if kind == icmp.MASK_REPLY:
        need(p, offset, 12)
        return "address mask is 0x%08x" % u32(data, offset + 8)
    if kind == icmp.TIMESTAMP:
        need(p, offset, 8)
        return "time stamp query id %u seq %u" % (u16(data, offset + 4),
                                                  u16(data, offset + 6))
    if kind == icmp.TIMESTAMP_REPLY:
        _check(p, offset, 20)
        return "time stamp reply id %u seq %u: org %s, recv %s, xmit %s" % (
            u16(data, offset + 4), u16(data, offset + 6),
            *(_milliseconds(u32(data, offset + at)) for at in (8, 12, 16)))
    return tables.ICMP_TYPES.get(kind, "type-#%u" % kind)


def _unreachable(p, data, offset, code):
    host = p.names.ipv4
    _check(p, offset, 18)  # up to the quoted protocol: checked, then fetched
    need(p, offset, 28)
    destination = host(data[offset + 24:offset + 28])
    if code == 2:
        need(p, offset, 18)
        return "%s protocol %u unreachable" % (destination, data[offset + 17])
    if code == 3:
        need(p, offset, 9)
        inner_length = (data[offset + 8] & 0x0F) * 4
        need(p, offset, 8 + inner_length + 4)
        port = u16(data, offset + 8 + inner_length + 2)
        protocol = data[offset + 17]
        if protocol == 6:
            return "%s tcp port %s unreachable" % (destination, p.names.tcp_port(port))
        if protocol == 17:
            return "%s udp port %s unreachable" % (destination, p.names.udp_port(port))
        return "%s protocol %u port %u unreachable" % (destination, protocol, port)
    if code == 4:
        mtu = u16(data, offset + 6)
        if mtu:
            return "%s unreachable - need to frag (mtu %u)" % (destination, mtu)
        return "%s unreachable - need to frag" % destination
    return UNREACHABLE_FORMATS.get(code, "%%s unreachable - #%u" % code) % destination


def _router_advertisement(p, data, offset):
    _check(p, offset, 8)
    count, size, lifetime = data[offset + 4], data[offset + 5], u16(data, offset + 6)
    if lifetime < 60:
        life = "%u" % lifetime
    elif lifetime < 3600:
        life = "%u:%02u" % (lifetime // 60, lifetime % 60)
    else:
        life = "%u:%02u:%02u" % (lifetime // 3600, lifetime % 3600 // 60, lifetime % 60)
    parts = ["router advertisement lifetime %s %u:" % (life, count)]
    if size != 2:
        parts.append(" [size %u]" % size)
        return "".join(parts)
    for index in range(count):
        entry = offset + 8 + 8 * index
        _check(p, entry, 8)
        parts.append(" {%s %u}" % (p.names.ipv4(data[entry:entry + 4]), u32(data, entry + 4)))
    return "".join(parts)


def _milliseconds(stamp):
    """icmp_tstamp_print: milliseconds since midnight UT as hh:mm:ss.mmm."""
    seconds = stamp // 1000
    return "%02u:%02u:%02u.%03u" % (seconds // 3600, seconds // 60 % 60, seconds % 60,
                                    stamp % 1000)


def _print_extension(p, data, offset, length):
    out = p.out
    extension = offset + EXTENDED_MINIMUM
    _check(p, extension, 4)
    size = length - EXTENDED_MINIMUM
    if data[offset + 5] == 0 and extension + size <= p.end and \
            checksum.checksum(data[extension:extension + size]):
        return
    version = data[extension] >> 4
    out.append("\n\tICMP Multi-Part extension v%u" % version)
    if version != 2:
        out.append(" packet not supported")
        return
    if extension + size <= p.end:
        out.append(", checksum 0x%04x (%scorrect), length %u" % (
            u16(data, extension + 2),
            "in" if checksum.checksum(data[extension:extension + size]) else "", size))
    size -= 4
    at = extension + 4
    while size > 4:
        need(p, at, 4)
        object_length, class_number, class_type = u16(data, at), data[at + 2], data[at + 3]
        out.append("\n\t  %s Object (%u), Class-Type: %u, length %u" % (
            EXTENSION_OBJECTS.get(class_number, "unknown"), class_number, class_type,
            object_length))
        at += 4
        size -= 4
        if class_number == 0 or object_length < 4:
            return
        object_length -= 4
        if class_number == 1 and class_type == 1:
            need(p, at, 4)
            label = u32(data, at)
            out.append("\n\t    label %u, tc %u" % (label >> 12, (label >> 9) & 7))
            if label & 0x100:
                out.append(", [S]")
            out.append(", ttl %u" % (label & 0xFF))
        else:
            out.append(tcpdump_hex.hex_only(data[at:min(at + object_length, p.end)],
                                            "\n\t    "))
        if size < object_length:
            break
        size -= object_length
        at += object_length
