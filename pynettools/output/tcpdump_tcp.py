"""TCP as tcpdump prints it (tcp_print), and DNS above it."""

import struct

from pynettools.decode import checksum, tcp
from pynettools.decode import names as tables
from pynettools.output.tcpdump_common import (Cut, Truncated, addresses, pseudo_sum,
                                              safe_text, should_be)
from pynettools.output.tcpdump_dns import print_domain
from pynettools.output.tcpdump_text import PORTS as TEXT_PORTS
from pynettools.output.tcpdump_text import print_application

FIN, SYN, RST, PUSH, ACK, URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20
DOMAIN, MULTICAST_DNS, MAX_RST_DATA = 53, 5353, 30
APPLICATION_PORTS = TEXT_PORTS | {DOMAIN, MULTICAST_DNS}
_FLAGS = {}
_TIMESTAMPS = struct.Struct("!II")
_HEADER = tcp.HEADER
_SACK_MARK, _TIMESTAMP_MARK = object(), object()  # where a template cannot be fixed text


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


def print_tcp(p, data, offset, length, version, fragmented, ip_offset):
    p.protocol = "tcp"
    end = p.end
    if end - offset < 20:
        _print_short_tcp(p, data, offset, version, ip_offset)
        return
    sport, dport, seq, ack, header_word, flags, window, field, urgent = \
        _HEADER.unpack_from(data, offset)
    # addresses are shown only where TCP follows the IP header (not after AH
    # or IPv6 extension headers), and only those prefixes are kept; the key is
    # the addresses and the ports, one slice where no IP option parts them
    if version == 4:
        key = data[ip_offset + 12:offset + 4] if offset == ip_offset + 20 else \
            data[ip_offset + 12:ip_offset + 20] + data[offset:offset + 4]
        direct = data[ip_offset + 9] == 6
    else:
        key = data[ip_offset + 8:offset + 4] if offset == ip_offset + 40 else \
            data[ip_offset + 8:ip_offset + 40] + data[offset:offset + 4]
        direct = data[ip_offset + 6] == 6
    entry = p.tcp_prefixes.get(key) if direct else None
    if entry is None:
        entry = _tcp_prefix(p, data, offset, version, direct, key)
    prefix, conversation, reverse = entry
    header_length = (header_word >> 4) << 2
    if header_length < 20 or header_length > length or p.qflag:
        _print_odd_header(p, prefix, flags, header_length, length)
        return
    base_seq = base_ack = 0
    if flags & ACK and p.relative:
        bases = p.tcp_bases.get(conversation)
        if bases is None or flags & SYN:
            bases = ((ack - 1) & 0xFFFFFFFF, seq) if reverse else (seq, (ack - 1) & 0xFFFFFFFF)
            p.tcp_bases[conversation] = bases
        elif reverse:
            seq, ack = (seq - bases[1]) & 0xFFFFFFFF, (ack - bases[0]) & 0xFFFFFFFF
        else:
            seq, ack = (seq - bases[0]) & 0xFFFFFFFF, (ack - bases[1]) & 0xFFFFFFFF
        base_seq, base_ack = bases
    else:
        reverse = False
    payload = length - header_length
    if p.verbose:
        checked = _tcp_checksum(p, data, offset, length, version, fragmented, ip_offset, field)
        numbered = True if p.verbose > 1 else payload > 0 or flags & (SYN | FIN | RST)
    else:
        checked = ""
        numbered = payload > 0 or flags & (SYN | FIN | RST)
    if not numbered:
        numbers = ""
    elif payload > 0:
        numbers = f", seq {seq}:{(seq + payload) & 0xFFFFFFFF}"
    else:
        numbers = f", seq {seq}"
    flag_text = _FLAGS.get(flags) or _flags_text(flags)
    # one f-string for the common flags: each piece joined apart costs a string
    if flags & (ACK | URG) == ACK:
        head = f"{prefix}Flags [{flag_text}]{checked}{numbers}, ack {ack}, win {window}"
    else:
        head = f"{prefix}Flags [{flag_text}]{checked}{numbers}" + \
            (f", ack {ack}" if flags & ACK else "") + \
            (f", win {window}, urg {urgent}" if flags & URG else f", win {window}")
    if header_length == 20:
        p.out.append(f"{head}, length {payload}")
    else:
        start = offset + 20
        if header_length == 32 and offset + 32 <= end and \
                data[start:start + 4] == b"\x01\x01\x08\x0a":
            value, echo = _TIMESTAMPS.unpack_from(data, start + 4)
            p.out.append(f"{head}, options [nop,nop,TS val {value} ecr {echo}], "
                         f"length {payload}")
        else:
            p.out.append(head)
            if not (offset + header_length <= end and
                    _templated_options(p, data, start, header_length - 20)):
                try:
                    _print_options(p, data, start, header_length - 20, reverse, base_seq,
                                   base_ack)
                except _OptionCut as cut:
                    # tcp_print's own truncation label closes the bracket it opened
                    p.out.append(" [|tcp]>" if cut.args[0] else " [|tcp]")
                    return
            p.out.append(f", length {payload}")
    if payload <= 0:
        return
    if flags & RST:
        if p.verbose:
            _print_rst_data(p, data, offset + header_length, payload)
    elif sport in APPLICATION_PORTS or dport in APPLICATION_PORTS:
        _print_payload(p, data, offset + header_length, payload, sport, dport)


def _print_payload(p, data, start, length, sport, dport):
    """What tcp_print shows of a payload on a port it knows, in its order."""
    if sport in TEXT_PORTS or dport in TEXT_PORTS:
        print_application(p, data, start, length, sport, dport)
    elif sport == DOMAIN or dport == DOMAIN:
        print_domain(p, data, start, length, True)
    else:
        print_domain(p, data, start, length, True, True)


def _print_odd_header(p, prefix, flags, header_length, length):
    """A data offset below 20 bytes or past the segment, and -q's short form."""
    if header_length < 20:
        p.out.append("%s tcp %u [bad hdr length %u - too short, < 20]" % (
            prefix, (length - header_length) & 0xFFFFFFFF, header_length))
    elif p.qflag:
        p.out.append("%stcp %u" % (prefix, (length - header_length) & 0xFFFFFFFF))
        if header_length > length:
            p.out.append(" [bad hdr length %u - too long, > %u]" % (header_length, length))
    else:
        p.out.append("%sFlags [%s] [bad hdr length %u - too long, > %u]" % (
            prefix, _FLAGS.get(flags) or _flags_text(flags), header_length, length))


def _tcp_prefix(p, data, offset, version, direct, key):
    """("src.port > dst.port: ", the conversation's key, whether this segment
    goes the reverse way), kept per addresses and ports (`key`)."""
    addresses = key[:-4]
    half = len(addresses) // 2
    source, destination = addresses[:half], addresses[half:]
    sport, dport = data[offset] << 8 | data[offset + 1], data[offset + 2] << 8 | data[offset + 3]
    names = p.names
    host = names.ipv6 if version == 6 else names.ipv4
    if direct:
        prefix = "%s.%s > %s.%s: " % (host(source), names.tcp_port(sport), host(destination),
                                      names.tcp_port(dport))
    else:
        prefix = "%s > %s: " % (names.tcp_port(sport), names.tcp_port(dport))
    reverse = sport > dport or (sport == dport and source > destination)
    conversation = destination + source + data[offset + 2:offset + 4] + \
        data[offset:offset + 2] if reverse else key
    entry = (prefix, conversation, reverse)
    if direct:
        if len(p.tcp_prefixes) > 65536:
            p.tcp_prefixes.clear()
        p.tcp_prefixes[key] = entry
    return entry


def _print_short_tcp(p, data, offset, version, ip_offset):
    """A TCP header cut short: what tcp_print prints before it stops."""
    out = p.out
    names = p.names
    source, destination, next_header = addresses(data, ip_offset, version)
    host = names.ipv6 if version == 6 else names.ipv4
    if p.end - offset < 4:
        out.append("%s > %s: [|tcp]" % (host(source), host(destination)))
        return
    sport = data[offset] << 8 | data[offset + 1]
    dport = data[offset + 2] << 8 | data[offset + 3]
    if next_header == 6:
        out.append("%s.%s > %s.%s: " % (host(source), names.tcp_port(sport), host(destination),
                                        names.tcp_port(dport)))
    else:
        out.append("%s > %s: " % (names.tcp_port(sport), names.tcp_port(dport)))
    raise Cut()


def _tcp_checksum(p, data, offset, length, version, fragmented, ip_offset, field):
    """", cksum 0x1234 (correct)" at -v when the whole segment was captured."""
    if p.kflag or fragmented or offset + length > p.end or \
            (version == 6 and data[ip_offset + 4:ip_offset + 6] == b"\0\0"):
        return ""
    computed = checksum.checksum(data[offset:offset + length],
                                 pseudo_sum(data, ip_offset, version, 6, length, p.end))
    if computed:
        return ", cksum 0x%04x (incorrect -> 0x%04x)" % (field, should_be(field, computed))
    return ", cksum 0x%04x (correct)" % field


def _templated_options(p, data, start, size):
    """Options printed from a template kept per layout, where the option bytes
    other than a timestamp's values decide the text (no SACK, all captured).
    False when there is none to use."""
    options = data[start:start + size]
    at = options.find(b"\x08\x0a")
    key = options if at < 0 else bytes((at,)) + options[:at] + options[at + 10:]
    templates = p.option_templates
    template = templates.get(key)
    if template is None:
        template = templates[key] = _option_template(p, options, at)
        if len(templates) > 4096:
            templates.clear()
    if template is False:
        return False
    if at < 0 or len(template) == 1:
        p.out.append(template[0])
    else:
        value, echo = _TIMESTAMPS.unpack_from(options, at + 2)
        p.out.append(f"{template[0]}TS val {value} ecr {echo}{template[1]}")
    return True


def _option_template(p, options, at):
    """(text,) or (text before the timestamp, text after it), or False."""
    saved, p.out = p.out, []
    try:
        _print_options(p, options, 0, len(options), False, 0, 0, timestamp_at=at)
        parts = p.out
    except (_OptionCut, Truncated):
        return False
    finally:
        p.out = saved
    if _SACK_MARK in parts:
        return False
    if _TIMESTAMP_MARK in parts:
        split = parts.index(_TIMESTAMP_MARK)
        return "".join(parts[:split]), "".join(parts[split + 1:])
    return ("".join(parts),)


def _print_options(p, data, start, remaining, reverse, base_seq, base_ack, timestamp_at=None):
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
        if timestamp_at is not None:
            if kind == tcp.SACK:
                out.append(_SACK_MARK)
            elif kind == tcp.TIMESTAMP and at - 2 == timestamp_at and length == 10:
                out[-1] = _TIMESTAMP_MARK
                at += 8
                remaining -= 8
                separator = ","
                continue
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
