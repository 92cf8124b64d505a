"""ICMPv6 as tcpdump prints it (icmp6_print): errors, echo, neighbour
discovery with its options at -v, MLD and MLDv2."""

from pynettools.decode import checksum, icmp6, ipv6
from pynettools.decode import names as tables
from pynettools.output.tcpdump_common import Cut, need, should_be, unknown_data

# the types whose length tcpdump prints early at -v
_LENGTH_FIRST = frozenset((133, 134, 135, 136, 137, 145, 147))
_RA_FLAGS = ((0x80, "managed"), (0x40, "other stateful"), (0x20, "home agent"))
_NA_FLAGS = ((0x80000000, "router"), (0x40000000, "solicited"), (0x20000000, "override"))
_PREFIX_FLAGS = ((0x80, "onlink"), (0x40, "auto"), (0x20, "router"))
_PREFERENCES = ("medium", "high", "rsv", "low")



def _bits(value, words):
    return ", ".join(word for bit, word in words if value & bit) or "none"


def _lifetime(value):
    return "infinity" if value == 0xFFFFFFFF else "%us" % value


def print_icmp6(p, data, offset, length, version, fragmented, ip_offset):
    out = p.out
    if version != 6:
        out.append("[ICMPv6 requires IPv6] (invalid)")
        return
    p.protocol = "icmp6"
    need(p, offset, 2)
    kind, code = data[offset], data[offset + 1]
    # tcpdump 4.99 checks ICMPv6 checksums even with -K
    if p.verbose and not fragmented and offset + length <= p.end:
        pseudo = checksum.pseudo_header6(data[ip_offset + 8:ip_offset + 24],
                                         ipv6.final_destination(data, ip_offset, p.end),
                                         58, length)
        computed = checksum.checksum(data[offset:offset + length], pseudo)
        field = data[offset + 2] << 8 | data[offset + 3]
        if computed:
            out.append("[bad icmp6 cksum 0x%04x -> 0x%04x!] " % (field,
                                                                 should_be(field, computed)))
        else:
            out.append("[icmp6 sum ok] ")
    out.append("ICMP6, %s" % tables.ICMP6_TYPES.get(kind, "unknown icmp6 type (%u)" % kind))
    if p.verbose and kind in _LENGTH_FIRST:
        out.append(", length %u" % length)
    printer = _PRINTERS.get(kind)
    if printer is None:
        if kind not in (141, 142):
            out.append(", length %u" % length)
            if p.verbose <= 1:
                out.append(unknown_data(p, data, offset, length, "\n\t"))
            return
    elif printer(p, data, offset, length, code) is False:
        return
    if not p.verbose:
        out.append(", length %u" % length)


def _host(p, data, at):
    need(p, at, 16)
    return p.names.ipv6(data[at:at + 16])


def _unreachable(p, data, offset, length, code):
    out = p.out
    quoted = offset + 8
    if quoted + 40 > p.end:
        raise Cut()
    out.append(", %s" % tables.ICMP6_UNREACHABLE_CODES.get(code,
                                                          "unknown unreach code (%u)" % code))
    if code in (0, 1, 3):
        out.append(" %s" % _host(p, data, quoted + 24))
    elif code == 2:
        out.append(" %s, source address %s" % (_host(p, data, quoted + 24),
                                                _host(p, data, quoted + 8)))
    elif code == 4:
        protocol, transport = _upper_layer(p, data, quoted)
        if transport is None:
            raise Cut()
        port = data[transport + 2] << 8 | data[transport + 3]
        destination = _host(p, data, quoted + 24)
        if protocol == 6:
            out.append(", %s tcp port %s" % (destination, p.names.tcp_port(port)))
        elif protocol == 17:
            out.append(", %s udp port %s" % (destination, p.names.udp_port(port)))
        else:
            out.append(", %s protocol %u port %u unreachable" % (destination, protocol, port))
    elif p.verbose <= 1:
        out.append(unknown_data(p, data, offset, length, "\n\t"))
        return False
    return None


def _upper_layer(p, data, start):
    """get_upperlayer: the quoted packet's TCP or UDP header, past its extension headers."""
    if start + 7 > p.end:
        return None, None
    next_header = data[start + 6]
    at, size = start, 40
    while at < p.end:
        at += size
        if next_header in (6, 17):
            return (next_header, at) if at + 4 <= p.end else (next_header, None)
        if next_header in (ipv6.HOP_BY_HOP, ipv6.DESTINATION, ipv6.ROUTING):
            if at + 2 > p.end:
                return None, None
            next_header, size = data[at], (data[at + 1] + 1) << 3
        elif next_header == ipv6.FRAGMENT:
            if at + 4 > p.end or (data[at + 2] << 8 | data[at + 3]) & 0xFFF8:
                return None, None
            next_header, size = data[at], 8
        elif next_header == 51:  # AH
            if at + 2 > p.end:
                return None, None
            next_header, size = data[at], (data[at + 1] + 2) << 2
        else:
            return next_header, None
    return None, None


def _too_big(p, data, offset, length, code):
    need(p, offset, 8)
    p.out.append(", mtu %u" % int.from_bytes(data[offset + 4:offset + 8], "big"))


def _time_exceeded(p, data, offset, length, code):
    if offset + 48 > p.end:
        raise Cut()
    if code == 0:
        p.out.append(" for %s" % _host(p, data, offset + 32))
    elif code == 1:
        p.out.append(" (reassembly)")
    else:
        p.out.append(", unknown code (%u)" % code)


def _parameter_problem(p, data, offset, length, code):
    if offset + 48 > p.end:
        raise Cut()
    pointer = int.from_bytes(data[offset + 4:offset + 8], "big")
    words = {0: "erroneous", 1: "next header", 2: "option"}
    if code in words:
        p.out.append(", %s - octet %u" % (words[code], pointer))
    else:
        p.out.append(", code-#%d" % code)


def _echo(p, data, offset, length, code):
    need(p, offset, 8)
    p.out.append(", id %u, seq %u" % (data[offset + 4] << 8 | data[offset + 5],
                                      data[offset + 6] << 8 | data[offset + 7]))


def _mld(p, data, offset):
    if offset + 24 > p.end:
        return
    p.out.append("max resp delay: %d addr: %s" % (data[offset + 4] << 8 | data[offset + 5],
                                                  p.names.ipv6(data[offset + 8:offset + 24])))


def _query(p, data, offset, length, code):
    if length == 24:
        _mld(p, data, offset)
    elif length >= 28:
        p.out.append(" v2")
        _query_v2(p, data, offset, length)
    else:
        p.out.append(" unknown-version (len %u) " % length)


def _report(p, data, offset, length, code):
    _mld(p, data, offset)


def _query_v2(p, data, offset, length):
    out = p.out
    need(p, offset, 6)
    code = data[offset + 4] << 8 | data[offset + 5]
    delay = code if code < 32768 else ((code & 0x0FFF) | 0x1000) << (((code & 0x7000) >> 12) + 3)
    if p.verbose:
        out.append(" [max resp delay=%d]" % delay)
    out.append(" [gaddr %s" % _host(p, data, offset + 8))
    if p.verbose:
        need(p, offset + 24, 2)
        flags, interval = data[offset + 24], data[offset + 25]
        if flags & 0x08:
            out.append(" sflag")
        if flags & 0x07:
            out.append(" robustness=%d" % (flags & 0x07))
        if interval >= 128:
            interval = ((interval & 0x0F) | 0x10) << (((interval & 0x70) >> 4) + 3)
        out.append(" qqi=%d" % interval)
    need(p, offset + 26, 2)
    sources = data[offset + 26] << 8 | data[offset + 27]
    if sources:
        if length < 28 + 16 * sources:
            out.append(" [invalid number of sources]")
        elif p.verbose > 1:
            out.append(" {%s }" % "".join(" " + _host(p, data, offset + 28 + 16 * index)
                                          for index in range(sources)))
        else:
            out.append(", %d source(s)" % sources)
    out.append("]")


def _report_v2(p, data, offset, length, code):
    out = p.out
    if length < 8:
        out.append(" [invalid len %d]" % length)
        return
    need(p, offset, 8)
    groups = data[offset + 6] << 8 | data[offset + 7]
    out.append(", %d group record(s)" % groups)
    if not p.verbose:
        return
    at = 8
    for _group in range(groups):
        if length < at + 20:
            out.append(" [invalid number of groups]")
            return
        out.append(" [gaddr %s" % _host(p, data, offset + at + 4))
        record = data[offset + at]
        out.append(" %s" % tables.MLD2_RECORD_TYPES.get(record, " [v2-report-#%d]" % record))
        sources = data[offset + at + 2] << 8 | data[offset + at + 3]
        if length < at + 20 + 16 * sources:
            out.append(" [invalid number of sources %d]" % sources)
            return
        if p.verbose == 1:
            out.append(", %d source(s)" % sources)
        else:
            out.append(" {%s }" % "".join(" " + _host(p, data, offset + at + 20 + 16 * index)
                                          for index in range(sources)))
        at += 20 + 16 * sources
        out.append("]")


def _router_solicitation(p, data, offset, length, code):
    if p.verbose:
        _options(p, data, offset + 8, length - 8)


def _router_advertisement(p, data, offset, length, code):
    if not p.verbose:
        return
    need(p, offset, 16)
    flags = data[offset + 5]
    p.out.append("\n\thop limit %u, Flags [%s], pref %s, router lifetime %us, "
                 "reachable time %ums, retrans timer %ums" % (
                     data[offset + 4], _bits(flags, _RA_FLAGS),
                     _PREFERENCES[(flags & 0x18) >> 3], data[offset + 6] << 8 | data[offset + 7],
                     int.from_bytes(data[offset + 8:offset + 12], "big"),
                     int.from_bytes(data[offset + 12:offset + 16], "big")))
    _options(p, data, offset + 16, length - 16)


def _neighbor_solicitation(p, data, offset, length, code):
    p.out.append(", who has %s" % _host(p, data, offset + 8))
    if p.verbose:
        _options(p, data, offset + 24, length - 24)


def _neighbor_advertisement(p, data, offset, length, code):
    p.out.append(", tgt is %s" % _host(p, data, offset + 8))
    if p.verbose:
        flags = int.from_bytes(data[offset + 4:offset + 8], "big")
        p.out.append(", Flags [%s]" % _bits(flags, _NA_FLAGS))
        _options(p, data, offset + 24, length - 24)


def _redirect(p, data, offset, length, code):
    p.out.append(", %s" % _host(p, data, offset + 24))
    p.out.append(" to %s" % _host(p, data, offset + 8))
    if p.verbose:
        _options(p, data, offset + 40, length - 40)


def _agent_request(p, data, offset, length, code):
    need(p, offset, 6)
    p.out.append(", id 0x%04x" % (data[offset + 4] << 8 | data[offset + 5]))


def _options(p, data, start, remaining):
    """icmp6_opt_print: each neighbour discovery option on a line of its own."""
    out = p.out
    at = start
    while at < p.end:
        if at + 2 > p.end or remaining <= 0:
            return
        kind, units = data[at], data[at + 1]
        size = units << 3
        if units == 0 or at + size > p.end:
            raise Cut()
        out.append("\n\t  %s option (%u), length %u (%u): " % (
            tables.ND_OPTIONS.get(kind, "unknown"), kind, size, units))
        body = data[at + 2:at + size]
        if kind in (icmp6.SOURCE_LINK_ADDRESS, icmp6.TARGET_LINK_ADDRESS):
            out.append(":".join("%02x" % byte for byte in body))
        elif kind == icmp6.PREFIX_INFORMATION:
            need(p, at, 32)
            out.append("%s/%u%s, Flags [%s], valid time %s, pref. time %s" % (
                p.names.ipv6(data[at + 16:at + 32]), data[at + 2], "badlen" if units != 4 else "",
                _bits(data[at + 3], _PREFIX_FLAGS),
                _lifetime(int.from_bytes(data[at + 4:at + 8], "big")),
                _lifetime(int.from_bytes(data[at + 8:at + 12], "big"))))
        elif kind == icmp6.REDIRECTED_HEADER:
            out.append(unknown_data(p, data, start, size, "\n\t    "))
        elif kind == icmp6.MTU:
            need(p, at, 8)
            out.append(" %u%s" % (int.from_bytes(data[at + 4:at + 8], "big"),
                                  "bad option length" if units != 1 else ""))
        elif kind == icmp6.RDNSS:
            out.append(" lifetime %us," % int.from_bytes(data[at + 4:at + 8], "big"))
            for index in range((units - 1) // 2):
                out.append(" addr: %s" % _host(p, data, at + 8 + 16 * index))
        elif kind == icmp6.ROUTE_INFORMATION:
            need(p, at, 8)
            if units > 3:
                raise Cut()
            prefix = data[at + 8:at + 8 * units].ljust(16, b"\0")
            need(p, at, 8 * units)
            out.append(" %s/%u, pref=%s, lifetime=%s" % (
                p.names.ipv6(prefix), data[at + 2], _PREFERENCES[(data[at + 3] & 0x18) >> 3],
                _lifetime(int.from_bytes(data[at + 4:at + 8], "big"))))
        elif kind == icmp6.ADVERTISEMENT_INTERVAL:
            need(p, at, 8)
            out.append(" %ums" % int.from_bytes(data[at + 4:at + 8], "big"))
        elif kind == icmp6.HOME_AGENT_INFORMATION:
            need(p, at, 8)
            out.append(" preference %u, lifetime %u" % (data[at + 4] << 8 | data[at + 5],
                                                        data[at + 6] << 8 | data[at + 7]))
        elif p.verbose <= 1:
            out.append(unknown_data(p, data, at + 2, size - 2, "\n\t  "))
            return
        if p.verbose > 1:
            out.append(unknown_data(p, data, at + 2, size - 2, "\n\t    "))
        at += size
        remaining -= size


_PRINTERS = {1: _unreachable, 2: _too_big, 3: _time_exceeded, 4: _parameter_problem,
             128: _echo, 129: _echo, 130: _query, 131: _report, 132: _report,
             133: _router_solicitation, 134: _router_advertisement,
             135: _neighbor_solicitation, 136: _neighbor_advertisement, 137: _redirect,
             143: _report_v2, 144: _agent_request, 146: _agent_request}
