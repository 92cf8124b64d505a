"""DNS names as tcpdump prints them (fqdn_print): read by dnspython's wire parser,
and where it will not read them, as tcpdump reads them to say what is wrong."""

from pynettools.decode import dns as wire


class Cut(Exception):
    """The message ends (as captured) before what is printed next: " [|domain]"."""


_PRINTABLE = bytes(range(0x20, 0x7F))
_LONGEST = 255  # a name's wire length, its root label's byte included (RFC 1035 3.1)
MAX_POINTERS = 16  # dnspython's MAX_COMPRESSION_POINTER_CHAIN


def printable(label):
    """fn_print_char for each byte: M- for the high bit, ^ for control characters."""
    if not label.translate(None, _PRINTABLE):  # nothing left: all printable
        return label.decode("ascii")
    text = []
    for byte in label:
        if byte > 0x7F:
            text.append("M-")
            byte &= 0x7F
        if not 0x20 <= byte < 0x7F:
            text.append("^")
            byte ^= 0x40
        text.append(chr(byte))
    return "".join(text)


def name(message, at, parts):
    """fqdn_print: the labels each followed by a dot ("." alone for the root);
    the offset after the name where it is written."""
    after = _read(message.wire, at, parts)
    if after is not None:
        return after
    import dns.exception

    try:
        name, after = message.name(at)
    except dns.exception.DNSException:
        return broken_name(message, at, parts)
    labels = name.labels
    if len(labels) == 1:
        parts.append(".")
    else:
        parts.append("".join(printable(label) + "." for label in labels[:-1]))
    return after


def _read(data, at, parts):
    """name() read here by dnspython's rules (from_wire_parser): labels, pointers
    each before the part that holds them (16 at most), 255 bytes in all; None,
    with nothing printed, for a name those rules refuse (dnspython then says why)."""
    limit, start, labels, length, hops, after = len(data), at, [], 1, 0, None
    while at < limit:
        size = data[at]
        if not size:
            if length > _LONGEST:
                return None
            parts.append("".join(labels) if labels else ".")
            return at + 1 if after is None else after
        if size < 64:
            if at + 1 + size > limit:
                return None
            labels.append(printable(data[at + 1:at + 1 + size]) + ".")
            length += size + 1
            at += 1 + size
        elif size >= 192 and at + 1 < limit:
            target = (size & 0x3F) << 8 | data[at + 1]
            if target >= start or hops == MAX_POINTERS:
                return None
            hops += 1
            if after is None:
                after = at + 2  # where the name ends as written
            limit = start  # what follows reads only before the part it leaves
            at = start = target
        else:
            return None
    return None


def broken_name(message, at, parts):
    """fqdn_print for the names dnspython will not read: bit-string labels
    (\\[x...] as tcpdump shows them), and the faults it names: <BAD PTR> for a
    pointer that does not point back, <ELT n> for an unknown label type, or
    the truncation mark.  The offset after the name where it is written."""
    data = message.wire
    end = len(data)
    limit = at
    after = None
    if at >= end:
        raise Cut()
    size = data[at]
    at += 1
    if not size:
        parts.append(".")
        return at
    while size:
        kind = size & wire.POINTER
        if kind == wire.POINTER:
            if at >= end:
                raise Cut()
            if after is None:
                after = at + 1
            target = (size & 0x3F) << 8 | data[at]
            if target >= limit:
                parts.append("<BAD PTR>")
                raise Cut()
            limit = at = target
            if at >= end:
                raise Cut()
            size = data[at]
            at += 1
            continue
        if kind == wire.EXTENDED and size & 0x3F == 1:
            if at >= end:
                raise Cut()
            at = _bit_label(data, at, parts)
        elif kind:
            parts.append("<ELT %d>" % (size & 0x3F))
            raise Cut()
        else:
            if at + size > end:
                parts.append(printable(data[at:end]))
                raise Cut()
            parts.append(printable(data[at:at + size]))
            at += size
        parts.append(".")
        if at >= end:
            raise Cut()
        size = data[at]
        at += 1
    return at if after is None else after


def _bit_label(data, at, parts):
    """An EDNS0 bit-string label: \\[x<hex>/<bits>]; the offset after it."""
    bits = data[at] or 256
    size = (bits + 7) // 8
    label = data[at + 1:at + 1 + size]
    text = ["\\[x"]
    left = bits
    index = 0
    while index < len(label) and left > 7:
        text.append("%02x" % label[index])
        index += 1
        left -= 8
    if index == len(label) and left > 0:
        text.append("...")
    elif left > 4:
        text.append("%02x" % (label[index] & (0xFF << (8 - left)) & 0xFF))
    elif left > 0:
        text.append("%1x" % ((label[index] >> 4) & (0x0F << (4 - left)) & 0x0F))
    text.append("/%d]" % bits)
    parts.append("".join(text))
    if at + 1 + size > len(data):
        raise Cut()
    return at + 1 + size
