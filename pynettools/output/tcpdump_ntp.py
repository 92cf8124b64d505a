"""NTP over UDP port 123 as tcpdump prints it (ntp_print): the version, mode
and length; at -v the leap indicator and the time message's fields (stratum,
poll, precision, root delay and dispersion, reference ID, the four time
stamps and two differences) or the control message's header."""

import time

from pynettools.output.tcpdump_common import need, u16, u32
from pynettools.output.tcpdump_dns_names import printable

MODES = {0: "unspecified", 1: "symmetric active", 2: "symmetric passive", 3: "Client",
         4: "Server", 5: "Broadcast", 6: "Control Message", 7: "Reserved"}
LEAP_INDICATORS = {0x00: "", 0x40: "+1s", 0x80: "-1s", 0xC0: "clock unsynchronized"}
CONTROL = 6
TIME_MESSAGE, CONTROL_MESSAGE = 48, 12  # the shortest of each
PRIMARY_REFERENCE, INFO_QUERY, INFO_REPLY = 1, 62, 63
JAN_1970 = 2208988800  # NTP's era 0 starts in 1900
_TWO_TO_32 = 4294967296.0


def print_ntp(p, data, start, length):
    p.protocol = "ntp"
    out = p.out
    need(p, start, 1)
    status = data[start]
    mode = status & 0x07
    out.append("NTPv%u, %s, length %u" % ((status & 0x38) >> 3,
                                          MODES.get(mode, "Unknown mode"), length))
    if not p.verbose:
        return
    leap = status & 0xC0  # shown unshifted, as tcpdump shows it
    out.append("\n\tLeap indicator: %s (%u)" % (LEAP_INDICATORS[leap], leap))
    if mode > CONTROL:
        return
    if length < (TIME_MESSAGE if mode < CONTROL else CONTROL_MESSAGE):
        _invalid(p, start, length)
    elif mode < CONTROL:
        _print_time_message(p, data, start, length)
    else:
        _print_control_message(p, data, start, length)


def _print_time_message(p, data, start, length):
    out = p.out
    need(p, start + 1, 1)
    stratum = data[start + 1]
    out.append(", Stratum %u (%s)" % (stratum, _stratum_name(stratum)))
    need(p, start + 2, 1)
    poll = _signed(data[start + 2])
    out.append(", poll %d%s" % (poll, _poll_seconds(poll)))
    need(p, start + 3, 1)
    out.append(", precision %d" % _signed(data[start + 3]))
    # each field is checked before its label is printed
    need(p, start + 4, 4)
    out.append("\n\tRoot Delay: " + _short_fixed(data, start + 4))
    need(p, start + 8, 4)
    out.append(", Root dispersion: " + _short_fixed(data, start + 8))
    need(p, start + 12, 4)
    out.append(", Reference-ID: ")
    if stratum in (INFO_QUERY, INFO_REPLY):  # tcpdump stops there: not a time message
        out.append("%s %s" % (p.names.ipv4(data[start + 12:start + 16]),
                              "INFO_QUERY" if stratum == INFO_QUERY else "INFO_REPLY"))
        return
    out.append(_reference(data, start + 12, stratum))
    for label, at in (("Reference Timestamp:  ", 16), ("Originator Timestamp: ", 24),
                      ("Receive Timestamp:    ", 32), ("Transmit Timestamp:   ", 40)):
        need(p, start + at, 8)
        out.append("\n\t  " + label + _timestamp(data, start + at))
    out.append("\n\t    Originator - Receive Timestamp:  ")
    out.append(_difference(data, start + 24, start + 32))
    out.append("\n\t    Originator - Transmit Timestamp: ")
    out.append(_difference(data, start + 24, start + 40))
    _print_authentication(p, data, start, length)


def _stratum_name(stratum):
    if stratum == 0:
        return "unspecified"
    if stratum == PRIMARY_REFERENCE:
        return "primary reference"
    return "secondary reference" if stratum <= 15 else "reserved"


def _signed(byte):
    return byte - 256 if byte > 127 else byte


def _poll_seconds(poll):
    if not -32 < poll < 32:
        return ""
    return " (%us)" % (1 << poll) if poll >= 0 else " (1/%us)" % (1 << -poll)


def _short_fixed(data, at):
    """p_sfix: 16.16 bits, the fraction in millionths."""
    return "%d.%06d" % (u16(data, at), int(u16(data, at + 2) / 65536.0 * 1000000.0))


def _reference(data, at, stratum):
    if stratum == 0:
        return "(unspec)"
    if stratum == PRIMARY_REFERENCE:  # four characters
        return printable(data[at:at + 4])
    return "0x%08x" % u32(data, at)


def _timestamp(data, at):
    """p_ntp_time: seconds and billionths since 1900, then the UTC time they name."""
    seconds = u32(data, at)
    text = "%u.%09u" % (seconds, _billionths(u32(data, at + 4)))
    if seconds:
        moment = time.gmtime(seconds - JAN_1970)
        text += " (%s)" % time.strftime("%Y-%m-%dT%H:%M:%SZ", moment)
    return text


def _billionths(fraction):
    return int(fraction / _TWO_TO_32 * 1000000000.0)


def _difference(data, origin, at):
    """p_ntp_delta: the time stamp at `at` less the originator's, with its sign
    (the time stamp itself when there is no originator's)."""
    seconds, fraction = u32(data, at), u32(data, at + 4)
    origin_seconds, origin_fraction = u32(data, origin), u32(data, origin + 4)
    if origin_seconds == 0 and origin_fraction == 0:
        return _timestamp(data, at)
    if seconds != origin_seconds:
        negative = seconds < origin_seconds
        larger, smaller = ((origin_seconds, origin_fraction), (seconds, fraction)) if negative \
            else ((seconds, fraction), (origin_seconds, origin_fraction))
        whole = larger[0] - smaller[0] - (1 if smaller[1] > larger[1] else 0)
        part = (larger[1] - smaller[1]) & 0xFFFFFFFF  # C's unsigned arithmetic
    else:
        negative = fraction <= origin_fraction
        whole, part = 0, abs(fraction - origin_fraction)
    return "%s%u.%09u" % ("-" if negative else "+", whole, _billionths(part))


def _print_authentication(p, data, start, length):
    """What follows the 48 bytes: a key ID, with a 128- or 160-bit digest."""
    out = p.out
    extra = length - TIME_MESSAGE
    if extra in (4, 20, 24):
        need(p, start + 48, 4)
        out.append("\n\tKey id: %u" % u32(data, start + 48))
        if extra > 4:
            need(p, start + 52, extra - 4)
            out.append("\n\tAuthentication: " + data[start + 52:start + extra + 48].hex())
    elif extra > 0:
        out.append("\n\t(%u more bytes after the header)" % extra)


def _print_control_message(p, data, start, length):
    out = p.out
    need(p, start + 1, 1)
    control = data[start + 1]
    out.append(", %s, %s, %s, OpCode=%u\n" % (
        "Response" if control & 0x80 else "Request", "Error" if control & 0x40 else "OK",
        "More" if control & 0x20 else "Last", control & 0x1F))
    for label, at in (("\tSequence=", 2), (", Status=", 4), (", Assoc.=", 6),
                      (", Offset=", 8), (", Count=", 10)):
        need(p, start + at, 2)
        value = u16(data, start + at)
        # C's %#hx: 0 stays "0"
        out.append(label + ("%#x" % value if label == ", Status=" and value else str(value)))
    count = value  # the last field read
    if CONTROL_MESSAGE + count > length:
        _invalid(p, start, length)
    elif count:
        need(p, start + CONTROL_MESSAGE, count)
        out.append("\n\tTO-BE-DONE: data not interpreted")


def _invalid(p, start, length):
    """nd_print_invalid, then the whole message must have been captured."""
    p.out.append(" (invalid)")
    need(p, start, length)
