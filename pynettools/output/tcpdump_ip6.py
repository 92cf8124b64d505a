"""IPv6 and its extension headers as tcpdump prints them (ip6_print,
hbhopt_process, dstopt_process, frag6_print, rt6_print)."""

import struct

from pynettools.decode import ipv6
from pynettools.decode import names as tables
from pynettools.output.tcpdump_common import Cut, Truncated, need
from pynettools.output.tcpdump_ip import demux, host_pair

_ADDRESSES_FROM_TRANSPORT = (6, 17, 33, 132)
PAD1, PADN, JUMBO, ROUTER_ALERT, HOME_ADDRESS = 0, 1, 0xC2, 5, 0xC9


def print_ipv6(p, data, offset, length):
    out = p.out
    p.protocol = "ip6"
    end = p.end
    if end - offset < 40:
        raise Cut()
    if not p.eflag:
        out.append("IP6 ")
    if length < 40:
        out.append("truncated-ip6 %u" % length)
        return
    if data[offset] >> 4 != 6:
        out.append("version error: %u != 6" % (data[offset] >> 4))
        return
    flow, payload_length, next_header, hop_limit = struct.unpack_from("!IHBB", data, offset)
    if payload_length:
        total = payload_length + 40
        if total > length:
            out.append("truncated-ip6 - %u bytes missing!" % (total - length))
    else:
        total = length + 40
    saved_end = end
    if offset + total < end:
        p.end = end = offset + total
    if p.verbose:
        out.append("(")
        if flow & 0x0FF00000:
            out.append("class 0x%02x, " % ((flow & 0x0FF00000) >> 20))
        if flow & 0x000FFFFF:
            out.append("flowlabel 0x%05x, " % (flow & 0x000FFFFF))
        out.append("hlim %u, next-header %s (%u) payload length: %u) " % (
            hop_limit, tables.IP_PROTOCOLS.get(next_header, "unknown"), next_header,
            payload_length))
    try:
        _extension_headers(p, data, offset, total, next_header, hop_limit)
    finally:
        p.end = saved_end


def _extension_headers(p, data, offset, total, next_header, hop_limit):
    out = p.out
    start, advance, remaining, fragmented = offset, 40, total, 0
    while start < p.end and advance > 0:
        if remaining < advance:
            raise Truncated()
        start += advance
        remaining -= advance
        if start == offset + 40 and next_header not in _ADDRESSES_FROM_TRANSPORT:
            out.append(host_pair(p, data, offset + 8, 16))
        if next_header in (ipv6.HOP_BY_HOP, ipv6.DESTINATION):
            advance = _options_header(p, data, start, next_header == ipv6.HOP_BY_HOP)
        elif next_header == ipv6.FRAGMENT:
            advance = _fragment_header(p, data, start, offset)
            if advance < 0 or p.end <= start + advance:
                return
            fragmented = 1
        elif next_header == ipv6.ROUTING:
            need(p, start, 1)
            advance = _routing_header(p, data, start)
        else:
            demux(p, data, start, remaining, 6, fragmented, next_header, offset)
            return
        if advance < 0:
            return
        next_header = data[start]
        p.protocol = "ip6"



def _options_header(p, data, start, hop_by_hop):
    """HBH or DSTOPT, and their options at -v."""
    p.protocol = "hbhopt" if hop_by_hop else "dstopt"
    need(p, start, 2)
    length = (data[start + 1] + 1) << 3
    if start + length > p.end:
        raise Cut()
    out = p.out
    out.append("HBH " if hop_by_hop else "DSTOPT ")
    if not p.verbose:
        if not hop_by_hop:
            return length
        p.out = []  # hop-by-hop options are checked all the same (for a jumbogram)
    try:
        valid = _print_options(p, data, start + 2, length - 2, hop_by_hop)
    finally:
        p.out = out
    if not valid:
        out.append(" [|%s]" % p.protocol)
        return -1
    return length


def _print_options(p, data, start, length, hop_by_hop):
    """ip6_opt_process; False when an option runs past the header."""
    out = p.out
    jumbo_seen = False
    at = 0
    while at < length:
        kind = data[start + at]
        if kind == PAD1:
            option_length = 1
        elif at + 1 < length:
            option_length = data[start + at + 1] + 2
        else:
            return False
        if at + option_length > length:
            return False
        body = data[start + at:start + at + option_length]
        left = length - at
        if kind == PAD1:
            out.append("(pad1)")
        elif kind == PADN:
            if left < 2:
                out.append("(padn: trunc)")
                return False
            out.append("(padn)")
        elif kind == ROUTER_ALERT:
            if left < 4:
                out.append("(rtalert: trunc)")
                return False
            if body[1] != 2:
                out.append("(rtalert: invalid len %u)" % body[1])
                return False
            out.append("(rtalert: 0x%04x) " % (body[2] << 8 | body[3]))
        elif kind == JUMBO:
            if left < 6:
                out.append("(jumbo: trunc)")
                return False
            if body[1] != 4:
                out.append("(jumbo: invalid len %u)" % body[1])
                return False
            value = int.from_bytes(body[2:6], "big")
            if jumbo_seen:
                out.append("(jumbo: %u - already seen) " % value)
            elif not hop_by_hop:
                out.append("(jumbo: %u - not a hop-by-hop option) " % value)
            else:
                out.append("(jumbo: %u) " % value)
            jumbo_seen = True
        elif kind == HOME_ADDRESS and left >= 18 and body[1] >= 16:
            out.append("(homeaddr: %s)" % p.names.ipv6(body[2:18]))
        else:
            if left < 2:
                out.append("(type %u: trunc)" % kind)
                return False
            out.append("(opt_type 0x%02x: len=%u)" % (kind, body[1]))
        at += option_length
    out.append(" ")
    return True


def _fragment_header(p, data, start, ip_offset):
    """frag6_print: "frag (offset|length) ", the identification too at -v."""
    p.protocol = "frag6"
    need(p, start, 8)
    offset_field = data[start + 2] << 8 | data[start + 3]
    payload = int.from_bytes(data[ip_offset + 4:ip_offset + 6], "big")
    length = 40 + payload - (start - ip_offset) - 8
    if p.verbose:
        p.out.append("frag (0x%08x:%u|%u)" % (int.from_bytes(data[start + 4:start + 8], "big"),
                                             offset_field & 0xFFF8, length))
    else:
        p.out.append("frag (%u|%u)" % (offset_field & 0xFFF8, length))
    if offset_field & 0xFFF8:
        return -1
    p.out.append(" ")
    return 8


def _routing_header(p, data, start):
    """rt6_print: type 0 and 2 (an address list) and 4 (segment routing)."""
    out = p.out
    p.protocol = "rt6"
    need(p, start, 4)
    length, kind, left = data[start + 1], data[start + 2], data[start + 3]
    out.append("RT6 (len=%u, type=%u" % (length, kind))
    if kind == 0:
        out.append(" [Deprecated]")
    out.append(", segleft=%u" % left)
    if kind in (0, 2):
        need(p, start, 8)
        reserved = int.from_bytes(data[start + 4:start + 8], "big")
        if reserved or p.verbose:
            out.append(", rsv=0x%x" % reserved)
        if length % 2:
            out.append(" [invalid length %u] (invalid)" % length)
            return -1
        addresses = range(length >> 1)
        first = start + 8
    elif kind == 4:
        need(p, start, 8)
        last, flags = data[start + 4], data[start + 5]
        out.append(", last-entry=%u" % last)
        if flags or p.verbose:
            out.append(", flags=0x%x" % flags)
        out.append(", tag=%x" % (data[start + 6] << 8 | data[start + 7]))
        addresses = range(last + 1)
        first = start + 8
    else:
        out.append(" (unknown type) (invalid)")
        return -1
    for index in addresses:
        need(p, first + 16 * index, 16)
        out.append(", [%u]%s" % (index, p.names.ipv6(data[first + 16 * index:
                                                          first + 16 * index + 16])))
    out.append(") ")
    return (length + 1) << 3
