"""IPv4 and IPv6 as tcpdump prints them (ip_print, ip6_print, ip_demux_print)."""

import struct

from pynettools.decode import checksum, ipv4
from pynettools.decode import names as tables
from pynettools.output.tcpdump_common import Truncated, should_be

TCP, UDP, ICMP, ICMP6, SCTP, DCCP, NONE = 6, 17, 1, 58, 132, 33, 59
_ADDRESSES_FROM_TRANSPORT = (TCP, UDP, SCTP, DCCP)
_ECN = ("", ",ECT(1)", ",ECT(0)", ",CE")
_FLAGS = {}


def _flags_text(flags):
    """bittok2str of the MF, DF and reserved bits, in that order."""
    try:
        return _FLAGS[flags]
    except KeyError:
        words = [word for bit, word in ((ipv4.MORE_FRAGMENTS, "+"), (ipv4.DONT_FRAGMENT, "DF"),
                                        (ipv4.RESERVED, "rsvd")) if flags & bit]
        _FLAGS[flags] = text = ", ".join(words) or "none"
        return text


_LENGTHS = struct.Struct("!HxxHxB")  # total length, flags and offset, protocol


def print_ipv4(p, data, offset, length):
    out = p.out
    p.protocol = "ip"
    end = p.end
    if end - offset >= 20 and data[offset] == 0x45 and not p.verbose:
        # the common case first: no options, nothing to show of the header
        total, fragment, protocol = _LENGTHS.unpack_from(data, offset + 2)
        if not fragment & 0x1FFF and 20 <= total <= length:
            if not p.eflag:
                out.append("IP ")
            if offset + total < end:
                p.end = offset + total
            printer = p.transports.get(protocol)
            if printer is None:
                out.append(host_pair(p, data, offset + 12, 4))
                demux(p, data, offset + 20, total - 20, 4, fragment & 0x2000, protocol, offset)
            else:
                if protocol != TCP and protocol != UDP and protocol != SCTP:
                    out.append(host_pair(p, data, offset + 12, 4))
                printer(p, data, offset + 20, total - 20, 4, fragment & 0x2000, offset)
            p.end = end
            return
    if end <= offset:
        raise Truncated()
    version = data[offset] >> 4
    if version != 4:
        out.append("IP6, wrong link-layer encapsulation" if version == 6 else "IP%u" % version)
        out.append(" (invalid)")
        return
    if not p.eflag:
        out.append("IP ")
    if end - offset < 20:
        out.append(" [|ip]")
        return
    if length < 20:
        out.append("truncated-ip %u" % length)
        return
    (first, tos, total, ident, fragment, ttl, protocol, field, source, destination) = \
        ipv4.HEADER.unpack_from(data, offset)
    header_length = (first & 0x0F) * 4
    if header_length < 20:
        out.append("bad-hlen %u" % header_length)
        return
    if length < total:
        out.append("truncated-ip - %u bytes missing! " % (total - length))
    if total < header_length:
        out.append("bad-len %u" % total)
        return
    saved_end = end
    if offset + total < end:
        p.end = end = offset + total
    names = p.names
    if p.verbose:
        parts = ["(tos 0x%x" % tos, _ECN[tos & 3]]
        if ttl:
            parts.append(", ttl %u" % ttl)
        parts.append(", id %u, offset %u, flags [%s], proto %s (%u), length %u" % (
            ident, (fragment & ipv4.OFFSET_MASK) * 8,
            _flags_text(fragment & 0xE000), tables.IP_PROTOCOLS.get(protocol, "unknown"),
            protocol, total))
        out.append("".join(parts))
        truncated = False
        if header_length > 20:
            out.append(", options (")
            truncated = not _print_options(p, data, offset + 20, header_length - 20)
            if truncated:
                out.append(" [truncated-option]")
            out.append(")")
        if not p.kflag and offset + header_length <= end:
            computed = checksum.checksum(data[offset:offset + header_length])
            if computed:
                out.append(", bad cksum %x (->%x)!" % (field, should_be(field, computed)))
        out.append(")\n    ")
        if truncated:
            out.append("%s > %s:  [|ip]" % (names.ipv4(source), names.ipv4(destination)))
            p.end = saved_end
            return
    if fragment & ipv4.OFFSET_MASK == 0:
        if protocol not in _ADDRESSES_FROM_TRANSPORT:
            out.append(host_pair(p, data, offset + 12, 4))
        if end - offset < header_length:
            out.append(" [remaining caplen(%u) < header length(%u)]" % (end - offset,
                                                                        header_length))
            raise Truncated()
        demux(p, data, offset + header_length, total - header_length, 4,
              fragment & ipv4.MORE_FRAGMENTS, protocol, offset)
    elif p.qflag < 2:
        out.append("%s > %s:" % (names.ipv4(source), names.ipv4(destination)))
        name = None if p.names.numeric else tables.PROTOCOL_NAMES.get(protocol)
        out.append(" %s" % name if name else " ip-proto-%u" % protocol)
    p.end = saved_end


def host_pair(p, data, at, size):
    """"source > destination: " for the two addresses of `size` bytes at `at`."""
    key = data[at:at + 2 * size]
    try:
        return p.host_pairs[key]
    except KeyError:
        host = p.names.ipv4 if size == 4 else p.names.ipv6
        text = "%s > %s: " % (host(key[:size]), host(key[size:]))
        if len(p.host_pairs) > 65536:
            p.host_pairs.clear()
        p.host_pairs[key] = text
        return text


def _print_options(p, data, start, length):
    """ip_optprint; False when an option lies past the captured bytes."""
    out = p.out
    separator = ""
    end = start + length
    while start < end:
        out.append(separator)
        separator = ","
        if start >= p.end:
            raise Truncated()
        kind = data[start]
        out.append(tables.IP_OPTIONS.get(kind, "unknown %u" % kind))
        if kind in (ipv4.NOP, ipv4.EOL):
            option_length = 1
        else:
            if start + 1 >= p.end:
                raise Truncated()
            option_length = data[start + 1]
            if option_length < 2:
                out.append(" [bad length %u]" % option_length)
                return True
        if option_length > end - start:
            out.append(" [bad length %u]" % option_length)
            return True
        if start + option_length > p.end:
            return False
        option = data[start:start + option_length]
        if kind == ipv4.EOL:
            return True
        if kind == ipv4.TIMESTAMP:
            _print_timestamps(p, option)
        elif kind in (ipv4.RR, ipv4.SSRR, ipv4.LSRR):
            _print_route(p, option)
        elif kind == ipv4.ROUTER_ALERT:
            if option_length < 4:
                out.append(" [bad length %u]" % option_length)
            elif option[2] << 8 | option[3]:
                out.append(" value %u" % (option[2] << 8 | option[3]))
        start += option_length
    return True


def _print_route(p, option):
    out = p.out
    length = len(option)
    if length < 3:
        out.append(" [bad length %u]" % length)
        return
    if (length + 1) & 3:
        out.append(" [bad length %u]" % length)
    pointer = option[2] - 1
    if pointer < 3 or (pointer + 1) & 3 or pointer > length + 1:
        out.append(" [bad ptr %u]" % option[2])
    for at in range(3, length, 4):
        if at + 4 > length:
            raise Truncated()
        out.append(" %s" % p.names.ipv4(option[at:at + 4]))
        if pointer > at:
            out.append(",")


def _print_timestamps(p, option):
    out = p.out
    length = len(option)
    if length < 4:
        out.append("[bad length %u]" % length)
        return
    out.append(" TS{")
    flags = option[3]
    hop_length = 8 if flags & 0x0F != 0 else 4
    if (length - 4) & (hop_length - 1):
        out.append("[bad length %u]" % length)
    pointer = option[2] - 1
    at = 0
    if pointer < 4 or (pointer - 4) & (hop_length - 1) or pointer > length + 1:
        out.append("[bad ptr %u]" % option[2])
    kind = flags & 0x0F
    if kind in (0, 1, 3):
        out.append({0: "TSONLY", 1: "TS+ADDR", 3: "PRESPEC"}[kind])
        separator = " "
        at = 4
        while at < length:
            if pointer == at:
                separator = " ^ "
            if at + hop_length > length:
                raise Truncated()
            stamp = int.from_bytes(option[at + hop_length - 4:at + hop_length], "big")
            address = p.names.ipv4(option[at:at + 4]) if hop_length == 8 else ""
            out.append("%s%u@%s" % (separator, stamp, address))
            separator = " "
            at += hop_length
    else:
        out.append("[bad ts type %u]" % kind)
    out.append(" ^ " if pointer == at else "")
    if flags >> 4:
        out.append(" [%u hops not recorded]} " % (flags >> 4))
    else:
        out.append("}")


def demux(p, data, offset, length, version, fragmented, protocol, ip_offset):
    """ip_demux_print: the payload after the IP headers, by protocol number."""
    printer = p.transports.get(protocol)
    if printer is not None:
        printer(p, data, offset, length, version, fragmented, ip_offset)
    elif protocol == NONE:
        p.out.append("no next header")
    else:
        name = None if p.names.numeric else tables.PROTOCOL_NAMES.get(protocol)
        p.out.append(" %s %u" % (name, length) if name else " ip-proto-%u %u" % (protocol,
                                                                                 length))
