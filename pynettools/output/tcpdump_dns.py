"""DNS as tcpdump prints it (domain_print, ns_print): the header's id, flags and
counts, the question, the records at -v, -vv and -vvv, EDNS options.

The message is read with dnspython's wire parser (`pynettools.decode.dns`);
the words are tcpdump's.
"""

import socket
import struct

from pynettools.decode import dns as wire
from pynettools.decode import names as tables
from pynettools.output.tcpdump_common import Truncated
from pynettools.output.tcpdump_dns_names import Cut, name, printable

RESPONSE_CODES = ("", " FormErr", " ServFail", " NXDomain", " NotImp", " Refused",
                  " YXDomain", " YXRRSet", " NXRRSet", " NotAuth", " NotZone", " Resp11",
                  " Resp12", " Resp13", " Resp14", " NoChange", " BadVers", "Resp17",
                  " Resp18", " Resp19", " Resp20", "Resp21", " Resp22", " BadCookie")
OPCODES = ("", " inv_q", " stat", " op3", " notify", " update", " op6", " op7", " op8",
           " updateA", " updateD", " updateDA", " updateM", " updateMA", " zoneInit",
           " zoneRef")
_QUESTION = struct.Struct("!HH")  # type, class
_RECORD = struct.Struct("!HHIH")  # type, class, TTL, data length
_UNITS = ((31536000, "y"), (604800, "w"), (86400, "d"), (3600, "h"), (60, "m"), (1, "s"))


def print_domain(p, data, start, length, over_tcp, multicast=False):
    out = p.out
    p.protocol = "domain"
    if over_tcp:
        if length < 2:
            out.append(" [DNS over TCP: length %u < 2] (invalid)" % length)
            return
        if start + 2 > p.end:
            raise Truncated()
        length -= 2
        prefix = data[start] << 8 | data[start + 1]
        if prefix != length:
            out.append(" [prefix length(%u) != length(%u)] (invalid)" % (prefix, length))
            return
        start += 2
        out.append(" ")
    message = data[start:min(p.end, start + length)]
    out.append(_message_text(p, wire.Message(message), length, multicast))


def _message_text(p, message, length, multicast):
    parts = []
    if length < 12:
        return "domain [length %u < 12] (invalid)" % length
    if len(message.wire) < 12:
        return " [|domain]"
    try:
        _print_message(p, message, parts, multicast)
    except Cut:
        parts.append(" [|domain]")
        return "".join(parts)
    parts.append(" (%u)" % length)
    return "".join(parts)


def _print_message(p, message, parts, multicast):
    ident, flags, questions, answers, authorities, additionals = message.header()
    verbose = p.verbose
    if flags & wire.QR:
        parts.append("%u%s%s%s%s%s%s" % (
            ident, OPCODES[(flags >> 11) & 0xF], _response_code(message, flags),
            "*" if flags & wire.AA else "", "" if flags & wire.RA else "-",
            "|" if flags & wire.TC else "", "$" if flags & wire.AD else ""))
        if questions != 1:
            parts.append(" [%uq]" % questions)
        at = 12
        for index in range(questions):
            if index:
                parts.append(",")
            if verbose > 1:
                parts.append(" q:")
                at = _question(message, at, parts, multicast)
            else:
                at = message.skip_name(at)
                if at is None:
                    raise Cut()
                at += 4
        parts.append(" %u/%u/%u" % (answers, authorities, additionals))
        at = _records(p, message, at, answers, parts, "", multicast, always=True)
    else:
        parts.append("%u%s%s%s" % (ident, OPCODES[(flags >> 11) & 0xF],
                                   "+" if flags & wire.RD else "", "%" if flags & wire.CD else ""))
        if flags & 0x6CF:
            parts.append(" [b2&3=0x%x]" % flags)
        if (flags >> 11) & 0xF == 1:
            if questions:
                parts.append(" [%uq]" % questions)
            if answers != 1:
                parts.append(" [%ua]" % answers)
        else:
            if answers:
                parts.append(" [%ua]" % answers)
            if questions != 1:
                parts.append(" [%uq]" % questions)
        if authorities:
            parts.append(" [%un]" % authorities)
        if additionals:
            parts.append(" [%uau]" % additionals)
        at = 12
        for index in range(questions):
            if index and at >= len(message.wire):
                raise Cut()
            at = _question(message, at, parts, multicast)
        if verbose > 1:
            at = _records(p, message, at, answers, parts, "", multicast, always=True)
    if verbose > 1:
        at = _records(p, message, at, authorities, parts, " ns:", multicast)
        _records(p, message, at, additionals, parts, " ar:", multicast)


def _response_code(message, flags):
    """The response code, with the high bits an OPT record carries."""
    code = flags & 0xF
    questions, answers, authorities, additionals = message.header()[2:]
    if not additionals:  # no OPT record to look for
        return RESPONSE_CODES[code]
    at = 12
    try:
        for _index in range(questions):
            at = message.skip_name(at) + 4
            if at >= len(message.wire):
                raise IndexError
        for _index in range(answers + authorities):
            at = message.skip_name(at) + 8
            at += message.word(at) + 2
        for _index in range(additionals):
            at = message.skip_name(at)
            kind = message.word(at)
            at += 4
            if kind == wire.OPT:
                code |= message.wire[at] << 4
                break
            at += 4
            at += message.word(at) + 2
    except (TypeError, IndexError):
        pass
    return RESPONSE_CODES[code] if code < len(RESPONSE_CODES) else " Resp%u" % (code & 0xFFF)


def _question(message, at, parts, multicast):
    """ns_qprint: " A? name." (the class too when it is not IN)."""
    end = message.skip_name(at)
    if end is None or end + 4 > len(message.wire):
        raise Cut()
    kind, rdclass = _QUESTION.unpack_from(message.wire, end)
    parts.append(" %s" % tables.DNS_TYPES.get(kind, "Type%u" % kind))
    shown = rdclass & 0x7FFF if multicast else rdclass
    if shown != 1:
        parts.append(" %s" % tables.DNS_CLASSES.get(shown, "(Class %u)" % shown))
    if multicast:
        parts.append(" (QU)" if rdclass & 0x8000 else " (QM)")
    parts.append("? ")
    name_end = name(message, at, parts)
    return name_end + 4


def _records(p, message, at, count, parts, title, multicast, always=False):
    """A section's records, comma-separated (tcpdump stops at the captured end)."""
    end = len(message.wire)
    if not count:
        return at
    if not always and at >= end:
        raise Cut()
    parts.append(title)
    at = _record(p, message, at, parts, multicast)
    count -= 1
    while at < end and count:
        parts.append(",")
        at = _record(p, message, at, parts, multicast)
        count -= 1
    if count:
        raise Cut()
    return at


def _record(p, message, at, parts, multicast):
    """ns_rprint: the owner at -v, the TTL at -vvv, the type and its data."""
    wire_bytes = message.wire
    end = len(wire_bytes)
    if p.verbose:
        parts.append(" ")
        at = name(message, at, parts)
    else:
        at = message.skip_name(at)
    if at is None or at + 10 > end:
        return end
    kind, rdclass, ttl, size = _RECORD.unpack_from(wire_bytes, at)
    shown = rdclass & 0x7FFF if multicast else rdclass
    if shown != 1 and kind != wire.OPT:
        parts.append(" %s" % tables.DNS_CLASSES.get(shown, "(Class %u)" % shown))
    if multicast and rdclass & 0x8000:
        parts.append(" (Cache flush)")
    option_flags = 0
    if kind == wire.OPT:
        option_flags = ttl & 0xFFFF  # an OPT record's TTL holds its flags
    elif p.verbose > 2:
        parts.append(" [%s]" % _relative_time(ttl))
    at += 10
    after = at + size
    parts.append(" %s" % tables.DNS_TYPES.get(kind, "Type%u" % kind))
    if after > end:
        raise Cut()
    _rdata(p, message, kind, shown, at, after, size, option_flags, parts)
    return after


def _rdata(p, message, kind, rdclass, at, after, size, option_flags, parts):
    data = message.wire
    if kind == 1:
        if at + 4 > len(data):
            raise Cut()
        parts.append(" %s" % socket.inet_ntoa(data[at:at + 4]))
    elif kind in (2, 5, 12, 39):  # NS, CNAME, PTR, DNAME
        parts.append(" ")
        name(message, at, parts)
    elif kind == 6:  # SOA
        if p.verbose:
            parts.append(" ")
            at = name(message, at, parts)
            parts.append(" ")
            at = name(message, at, parts)
            if at + 20 > len(data):
                raise Cut()
            parts.append("".join(" %u" % message.long(at + 4 * index) for index in range(5)))
    elif kind == 15:  # MX
        parts.append(" ")
        if at + 2 > len(data):
            raise Cut()
        name(message, at + 2, parts)
        parts.append(" %u" % message.word(at))
    elif kind == wire.TXT:
        while at < after:
            parts.append(' "')
            length = data[at]
            if at + 1 + length > len(data):
                parts.append(printable(data[at + 1:]))
                raise Cut()
            parts.append(printable(data[at + 1:at + 1 + length]))
            parts.append('"')
            at += 1 + length
    elif kind == 33:  # SRV
        parts.append(" ")
        if at + 6 > len(data):
            raise Cut()
        name(message, at + 6, parts)
        parts.append(":%u %u %u" % (message.word(at + 4), message.word(at),
                                    message.word(at + 2)))
    elif kind == 28:  # AAAA
        if at + 16 > len(data):
            raise Cut()
        parts.append(" %s" % socket.inet_ntop(socket.AF_INET6, data[at:at + 16]))
    elif kind == wire.OPT:
        parts.append(" UDPsize=%u" % rdclass)
        if option_flags & 0x8000:
            parts.append(" DO")
        if at < after:
            parts.append(" [")
            while at < after:
                at = _edns_option(message, at, parts)
                if at < after:
                    parts.append(",")
            parts.append("]")


def _edns_option(message, at, parts):
    data = message.wire
    if at + 4 > len(data):
        raise Cut()
    code, size = message.word(at), message.word(at + 2)
    parts.append(tables.EDNS_OPTIONS.get(code, "Opt%u" % code))
    at += 4
    if at + size > len(data):
        raise Cut()
    if size:
        parts.append(" " + _option_value(code, data[at:at + size]))
    return at + size


# the algorithms of the DAU, DHU and N3U options (RFC 6975)
_ALGORITHMS = {5: {0: "DELETE", 1: "RSAMD5", 2: "DH", 3: "DS", 5: "RSASHA1",
                   6: "DSA-NSEC3-SHA1", 7: "RSASHA1-NSEC3-SHA1", 8: "RSASHA256",
                   10: "RSASHA512", 12: "ECC-GOST", 13: "ECDSAP256SHA256",
                   14: "ECDSAP384SHA384", 15: "ED25519", 16: "ED448", 252: "INDIRECT",
                   253: "PRIVATEDNS", 254: "PRIVATEOID"},
               6: {1: "SHA-1", 2: "SHA-256", 3: "GOST_R_34.11-94", 4: "SHA-384"},
               7: {1: "SHA-1"}}


def _option_value(code, value):
    """edns0_opt_print's words for an option's data (hex for the rest)."""
    if code == 8:  # client subnet
        return _client_subnet(value)
    if code == 11:  # TCP keepalive, in units of 100 ms
        return "%0.1f sec" % ((value[0] << 8 | value[1]) / 10) if len(value) == 2 \
            else " (invalid)"
    if code == 9:  # expire
        return "%u sec" % int.from_bytes(value, "big") if len(value) == 4 else " (invalid)"
    if code == 12:  # padding: its length only
        return "(%u)" % len(value)
    if code in _ALGORITHMS:
        names = _ALGORITHMS[code]
        return " ".join(names.get(byte, "Alg_%u" % byte) for byte in value)
    return value.hex()


def _client_subnet(value):
    if len(value) < 4:
        return " (invalid)"
    family, source, scope = value[0] << 8 | value[1], value[2], value[3]
    bits = {1: 32, 2: 128}.get(family)
    if bits is None or len(value) - 4 > bits // 8 or source > bits or scope > bits or \
            (source + 7) // 8 != len(value) - 4:
        return " (invalid)"
    address = value[4:] + bytes(bits // 8 - (len(value) - 4))
    text = socket.inet_ntoa(address) if family == 1 else \
        socket.inet_ntop(socket.AF_INET6, address)
    return "%s/%d/%d" % (text, source, scope)


def _relative_time(seconds):
    """unsigned_relts_print: 1h2m3s."""
    if not seconds:
        return "0s"
    text = []
    for unit, letter in _UNITS:
        if seconds >= unit:
            text.append("%u%s" % (seconds // unit, letter))
            seconds %= unit
    return "".join(text)
