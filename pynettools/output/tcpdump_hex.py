"""tcpdump's raw dumps: -x/-xx (hex), -X/-XX (hex and ASCII), -A/-AA (ASCII),
and the hex tcpdump prints for data it does not decode."""

_PRINTABLE = bytes(byte if 0x21 <= byte <= 0x7E else 0x2E for byte in range(256))
# -A keeps blanks, tabs and newlines (a CR is handled on its own)
_ASCII = bytes(byte if 0x21 <= byte <= 0x7E or byte in (0x09, 0x0A, 0x20) else 0x2E
               for byte in range(256))


def hex_ascii(data, indent="\n\t", offset=0):
    """hex_and_ascii_print: 16 bytes a line, "0x0000:  4500 0054 ...  E..T"."""
    lines = []
    for start in range(0, len(data), 16):
        chunk = data[start:start + 16]
        words = chunk.hex(" ", -2) if len(chunk) > 1 else chunk.hex()
        lines.append("%s0x%04x:  %-39s  %s" % (indent, offset + start, words,
                                              chunk.translate(_PRINTABLE).decode("ascii")))
    return "".join(lines)


def hex_only(data, indent="\n\t", offset=0):
    """hex_print: the same lines without the ASCII column."""
    lines = []
    for start in range(0, len(data), 16):
        chunk = data[start:start + 16]
        words = chunk.hex(" ", -2) if len(chunk) > 1 else chunk.hex()
        lines.append("%s0x%04x:  %s" % (indent, offset + start, words))
    return "".join(lines)


def ascii_only(data):
    """ascii_print: a newline, then the bytes; a CR shows as "." except before a
    newline or as one of the last two bytes, where it is left out."""
    text = data.translate(_ASCII)
    if b"\r" in data:
        kept = bytearray()
        for index, byte in enumerate(data):
            if byte == 0x0D:
                if len(data) - index - 1 > 1 and data[index + 1] != 0x0A:
                    kept.append(0x2E)
            else:
                kept.append(text[index])
        text = bytes(kept)
    return "\n" + text.decode("ascii")


def dump(options, data, link_length):
    """What -X, -x or -A add after a packet's line (one of them, in that order)."""
    if options.hex_ascii:
        body = data if options.hex_ascii > 1 else data[link_length:]
        return hex_ascii(body)
    if options.hex:
        body = data if options.hex > 1 else data[link_length:]
        return hex_only(body)
    body = data if options.ascii > 1 else data[link_length:]
    return ascii_only(body) if body or options.ascii > 1 else ""
