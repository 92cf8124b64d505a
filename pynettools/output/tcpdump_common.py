"""What the tcpdump protocol printers share: the truncation signal and the
checksum words tcpdump prints."""


class Truncated(Exception):
    """A field lies past the captured bytes: tcpdump ends the line with " [|proto]",
    naming the protocol whose printer stopped (the printer's `protocol`).  Raised
    where tcpdump's GET_ macros jump out of the printers: the link-layer header
    length is then unknown, and -x/-X dump from the first byte."""


class Cut(Truncated):
    """The same mark where a printer checks the length itself (ND_TCHECK) and
    returns: the link-layer header is still left out of -x/-X."""


def should_be(field, computed):
    """tcpdump's in_cksum_shouldbe: the checksum a header should carry, from the
    one it carries and the sum computed over it (0 when it is right)."""
    value = field + computed
    value = (value & 0xFFFF) + (value >> 16)
    return (value & 0xFFFF) + (value >> 16)
