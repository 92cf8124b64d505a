"""TCP and UDP as tcpdump prints them (tcp_print, udp_print), DNS above them."""

from pynettools.decode import checksum, ipv4, ipv6, tcp
from pynettools.decode import names as tables
from pynettools.output.tcpdump_common import Cut, Truncated, should_be

FIN, SYN, RST, PUSH, ACK, URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
DOMAIN, MAX_RST_DATA = 53, 30
_FLAGS = {}


class _OptionCut(Exception):
    """An option's value lies past the captured bytes (args: whether an option
    was printed before it)."""


def _flags_text(flags):
    """bittok2str_nosep of the flags: F S R P . U E W, "none" for none."""
    try:
        return _FLAGS[flags]
    except KeyError:
        text = "".join(letter for bit, letter in zip((1, 2, 4, 8, 16, 32, 64, 128), "FSRP.UEW")
                       if flags & bit) or "none"
        _FLAGS[flags] = text
        return text


def _addresses(data, ip_offset, version):
    """(source, destination) packed, and whether the transport follows the IP
    header directly (only then are addresses printed with the ports)."""
    if version == 6:
        return (data[ip_offset + 8:ip_offset + 24], data[ip_offset + 24:ip_offset + 40],
                data[ip_offset + 6])
    return data[ip_offset + 12:ip_offset + 16], data[ip_offset + 16:ip_offset + 20], \
        data[ip_offset + 9]


def _pseudo_sum(data, ip_offset, version, protocol, length, end):
    if version == 6:
        return checksum.pseudo_header6(data[ip_offset + 8:ip_offset + 24],
                                       ipv6.final_destination(data, ip_offset, end),
                                       protocol, length)
    header_length = (data[ip_offset] & 0x0F) * 4
    destination = data[ip_offset + 16:ip_offset + 20] if header_length == 20 else \
        ipv4.final_destination(data, ip_offset, header_length)
    return checksum.pseudo_header4(data[ip_offset + 12:ip_offset + 16], destination,
                                   protocol, length)


def print_tcp(p, data, offset, length, version, fragmented, ip_offset):
    out = p.out
    names = p.names
    p.protocol = "tcp"
    end = p.end
    source, destination, next_header = _addresses(data, ip_offset, version)
    host = names.ipv6 if version == 6 else names.ipv4
    if end - offset < 4:
        out.append("%s > %s: [|tcp]" % (host(source), host(destination)))
        return
    sport = data[offset] << 8 | data[offset + 1]
    dport = data[offset + 2] << 8 | data[offset + 3]
    port = names.tcp_port
    if next_header == 6:
        out.append("%s.%s > %s.%s: " % (host(source), port(sport), host(destination),
                                        port(dport)))
    else:
        out.append("%s > %s: " % (port(sport), port(dport)))
    if end - offset < 20:
        raise Cut()
    _sport, _dport, seq, ack, header_word, flags, window, field, urgent = \
        tcp.HEADER.unpack_from(data, offset)
    header_length = (header_word >> 4) * 4
    if header_length < 20:
        out.append(" tcp %u [bad hdr length %u - too short, < 20]" % (length - header_length,
                                                                      header_length))
        return
    if p.qflag:
        out.append("tcp %u" % (length - header_length))
        if header_length > length:
            out.append(" [bad hdr length %u - too long, > %u]" % (header_length, length))
        return
    out.append("Flags [%s]" % _flags_text(flags))
    reverse, base_seq, base_ack = False, 0, 0
    if flags & ACK and not p.options.absolute_sequence:
        seq, ack, reverse, base_seq, base_ack = _relative(p, source, destination, sport, dport,
                                                          seq, ack, flags)
    if header_length > length:
        out.append(" [bad hdr length %u - too long, > %u]" % (header_length, length))
        return
    if p.verbose and not p.kflag and not fragmented and offset + length <= end and \
            (version == 4 or data[ip_offset + 4:ip_offset + 6] != b"\0\0"):
        computed = checksum.checksum(data[offset:offset + length],
                                     _pseudo_sum(data, ip_offset, version, 6, length, end))
        if computed:
            out.append(", cksum 0x%04x (incorrect -> 0x%04x)" % (field, should_be(field,
                                                                                  computed)))
        else:
            out.append(", cksum 0x%04x (correct)" % field)
    payload = length - header_length
    if p.verbose > 1 or payload > 0 or flags & (SYN | FIN | RST):
        if payload > 0:
            out.append(", seq %u:%u" % (seq, (seq + payload) & 0xFFFFFFFF))
        else:
            out.append(", seq %u" % seq)
    if flags & ACK:
        out.append(", ack %u" % ack)
    out.append(", win %u" % window)
    if flags & URG:
        out.append(", urg %u" % urgent)
    if header_length > 20:
        try:
            _print_options(p, data, offset + 20, header_length - 20, reverse, base_seq,
                           base_ack)
        except _OptionCut as cut:
            # tcp_print's own truncation label closes the bracket it opened
            out.append(" [|tcp]>" if cut.args[0] else " [|tcp]")
            return
    out.append(", length %u" % payload)
    if payload <= 0:
        return
    start = offset + header_length
    if flags & RST:
        if p.verbose:
            _print_rst_data(p, data, start, payload)
    elif sport == DOMAIN or dport == DOMAIN:
        from pynettools.output.tcpdump_dns import print_domain

        print_domain(p, data, start, payload, True)


def _relative(p, source, destination, sport, dport, seq, ack, flags):
    """Relative sequence numbers: the first segment with ACK seen of a
    conversation (or any SYN) sets its bases, later ones print against them."""
    reverse = sport > dport or (sport == dport and source > destination)
    key = (destination, source, dport, sport) if reverse else (source, destination, sport, dport)
    bases = p.tcp_bases.get(key)
    if bases is None or flags & SYN:
        bases = (ack - 1) & 0xFFFFFFFF, seq
        if not reverse:
            bases = seq, (ack - 1) & 0xFFFFFFFF
        p.tcp_bases[key] = bases
    elif reverse:
        seq, ack = (seq - bases[1]) & 0xFFFFFFFF, (ack - bases[0]) & 0xFFFFFFFF
    else:
        seq, ack = (seq - bases[0]) & 0xFFFFFFFF, (ack - bases[1]) & 0xFFFFFFFF
    return seq, ack, reverse, bases[0], bases[1]


def _print_options(p, data, start, remaining, reverse, base_seq, base_ack):
    out = p.out
    out.append(", options [")
    separator = ""
    at = start
    while remaining > 0:
        out.append(separator)
        if at >= p.end:
            raise Truncated()
        kind = data[at]
        at += 1
        if kind in (tcp.EOL, tcp.NOP):
            length = 1
        else:
            if at >= p.end:
                raise Truncated()
            length = data[at]
            at += 1
            if length < 2 or length > remaining:
                out.append("[bad opt]]")
                return
            remaining -= 1
        remaining -= 1
        out.append(tables.TCP_OPTIONS.get(kind, "unknown-%u" % kind))
        size = _print_option(p, data, at, kind, length, remaining, reverse, base_seq, base_ack,
                             bool(separator))
        if size is None:
            out.append("[bad opt]]")
            return
        at += size
        remaining -= size
        size += 1 if kind in (tcp.EOL, tcp.NOP) else 2
        if size != length:
            out.append("[len %u]" % length)
        separator = ","
        if kind == tcp.EOL:
            break
    out.append("]")


def _print_option(p, data, at, kind, length, remaining, reverse, base_seq, base_ack, after):
    """One option's value; the bytes it used, or None when they are not there."""
    out = p.out

    def check(size):
        if size > remaining:
            return False
        if at + size > p.end:
            raise _OptionCut(after)
        return True

    size = tcp.VALUE_SIZES.get(kind)
    if size is not None:
        if not check(size):
            return None
        value = data[at:at + size]
        if kind == tcp.TIMESTAMP:
            out.append(" val %u ecr %u" % (int.from_bytes(value[:4], "big"),
                                           int.from_bytes(value[4:], "big")))
        elif kind == tcp.MD5:
            out.append(" shared secret not supplied with -M, can't check - " + value.hex())
        else:
            out.append(" %u" % int.from_bytes(value, "big"))
        return size
    if kind in (tcp.EOL, tcp.NOP, tcp.SACK_PERMITTED):
        return 0
    size = length - 2
    if kind == tcp.SACK:
        if size % 8:
            out.append(" invalid sack")
            return size
        out.append(" %u " % (size // 8))
        base = base_seq if reverse else base_ack
        for block in range(0, size, 8):
            if not check(block + 8):
                return None
            left = int.from_bytes(data[at + block:at + block + 4], "big")
            right = int.from_bytes(data[at + block + 4:at + block + 8], "big")
            out.append("{%u:%u}" % ((left - base) & 0xFFFFFFFF, (right - base) & 0xFFFFFFFF))
        return size
    if size:
        out.append(" 0x")
    for index in range(size):
        if not check(index + 1):
            return None
        out.append("%02x" % data[at + index])
    return size


def _print_rst_data(p, data, start, length):
    """RST segments may carry text explaining why (RFC 1122 4.2.2.12)."""
    out = p.out
    out.append(" [RST" if start + length <= p.end else " [!RST")
    if length > MAX_RST_DATA:
        length = MAX_RST_DATA
        out.append("+")
    out.append(" ")
    out.append(safe_text(data[start:min(start + length, p.end)]))
    out.append("]")


def safe_text(data):
    """safeputchar: printable ASCII as is, anything else as \\0xNN."""
    return "".join(chr(byte) if 0x20 <= byte < 0x7F else "\\0x%02x" % byte for byte in data)


def print_udp(p, data, offset, length, version, fragmented, ip_offset):
    out = p.out
    p.protocol = "udp"
    end = p.end
    source, destination, next_header = _addresses(data, ip_offset, version)
    if end - offset < 4:
        _udp_addresses(p, source, destination, next_header, version, None, None)
        raise Cut()
    sport = data[offset] << 8 | data[offset + 1]
    dport = data[offset + 2] << 8 | data[offset + 3]
    if length < 8:
        _udp_addresses(p, source, destination, next_header, version, sport, dport)
        out.append("truncated-udp %u" % length)
        return
    if end - offset < 6:
        _udp_addresses(p, source, destination, next_header, version, sport, dport)
        raise Truncated()
    field_length = data[offset + 4] << 8 | data[offset + 5]
    if field_length == 0 and length > 65535:
        field_length = length
    if field_length < 8:
        _udp_addresses(p, source, destination, next_header, version, sport, dport)
        out.append("truncated-udplength %u" % field_length)
        return
    field_length -= 8
    length -= 8
    if field_length < length:
        length = field_length
    _udp_addresses(p, source, destination, next_header, version, sport, dport)
    if offset + 8 > end:
        raise Cut()
    if p.verbose and not p.kflag and not fragmented:
        _udp_checksum(p, data, offset, length, version, ip_offset)
    if not p.qflag and (sport == DOMAIN or dport == DOMAIN):
        from pynettools.output.tcpdump_dns import print_domain

        print_domain(p, data, offset + 8, length, False)
    elif field_length > length and not fragmented:
        out.append("UDP, bad length %u > %u" % (field_length, length))
    else:
        out.append("UDP, length %u" % field_length)


def _udp_addresses(p, source, destination, next_header, version, sport, dport):
    """udpipaddr_print: addresses and ports, or only ports after extension headers."""
    names = p.names
    host = names.ipv6 if version == 6 else names.ipv4
    if next_header == 17:
        if sport is None:
            p.out.append("%s > %s: " % (host(source), host(destination)))
        else:
            p.out.append("%s.%s > %s.%s: " % (host(source), names.udp_port(sport),
                                              host(destination), names.udp_port(dport)))
    elif sport is not None:
        p.out.append("%s > %s: " % (names.udp_port(sport), names.udp_port(dport)))


def _udp_checksum(p, data, offset, length, version, ip_offset):
    """UDP checksums: tcpdump checks IPv4 ones from -vv, IPv6 ones from -v."""
    if version == 4 and p.verbose < 2:
        return
    field = data[offset + 6] << 8 | data[offset + 7]
    if version == 4 and field == 0:
        p.out.append("[no cksum] ")
        return
    if offset + 8 + length > p.end:
        return
    size = length + 8
    computed = checksum.checksum(data[offset:offset + size],
                                 _pseudo_sum(data, ip_offset, version, 17, size, p.end))
    if computed:
        p.out.append("[bad udp cksum 0x%04x -> 0x%04x!] " % (field, should_be(field, computed)))
    else:
        p.out.append("[udp sum ok] ")
