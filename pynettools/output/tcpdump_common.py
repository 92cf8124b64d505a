"""What the tcpdump protocol printers share: the truncation signal, the
checksum words tcpdump prints, and what TCP and UDP read of the IP header."""

from pynettools.decode import checksum, ipv4, ipv6
from pynettools.output import tcpdump_hex


class Truncated(Exception):
    """A field lies past the captured bytes: tcpdump ends the line with " [|proto]",
    naming the protocol whose printer stopped (the printer's `protocol`).  Raised
    where tcpdump's GET_ macros jump out of the printers: the link-layer header
    length is then unknown, and -x/-X dump from the first byte."""


class Cut(Truncated):
    """The same mark where a printer checks the length itself (ND_TCHECK) and
    returns: the link-layer header is still left out of -x/-X."""


def need(p, start, size):
    """GET_: a field past the captured bytes leaves the printers (Truncated)."""
    if start + size > p.end:
        raise Truncated()


def unknown_data(p, data, start, length, indent):
    """print_unknown_data: hex lines of what was captured of the `length` bytes."""
    return tcpdump_hex.hex_only(data[start:min(start + length, p.end)], indent)


def u16(data, at):
    return data[at] << 8 | data[at + 1]


def u32(data, at):
    return int.from_bytes(data[at:at + 4], "big")


def should_be(field, computed):
    """tcpdump's in_cksum_shouldbe: the checksum a header should carry, from the
    one it carries and the sum computed over it (0 when it is right)."""
    value = field + computed
    value = (value & 0xFFFF) + (value >> 16)
    return (value & 0xFFFF) + (value >> 16)


def addresses(data, ip_offset, version):
    """(source, destination) packed, and whether the transport follows the IP
    header directly (only then are addresses printed with the ports)."""
    if version == 6:
        return (data[ip_offset + 8:ip_offset + 24], data[ip_offset + 24:ip_offset + 40],
                data[ip_offset + 6])
    return data[ip_offset + 12:ip_offset + 16], data[ip_offset + 16:ip_offset + 20], \
        data[ip_offset + 9]


def pseudo_sum(data, ip_offset, version, protocol, length, end):
    if version == 6:
        return checksum.pseudo_header6(data[ip_offset + 8:ip_offset + 24],
                                       ipv6.final_destination(data, ip_offset, end),
                                       protocol, length)
    header_length = (data[ip_offset] & 0x0F) * 4
    destination = data[ip_offset + 16:ip_offset + 20] if header_length == 20 else \
        ipv4.final_destination(data, ip_offset, header_length)
    return checksum.pseudo_header4(data[ip_offset + 12:ip_offset + 16], destination,
                                   protocol, length)


def safe_text(data):
    """safeputchar: printable ASCII as is, anything else as \\0xNN."""
    return "".join(chr(byte) if 0x20 <= byte < 0x7F else "\\0x%02x" % byte for byte in data)
