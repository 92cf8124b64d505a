"""IPv4 headers (RFC 791): fields, options, fragments."""

import struct

HEADER = struct.Struct("!BBHHHBBH4s4s")  # version/IHL, TOS, length, id, flags/offset,
#                                          TTL, protocol, checksum, source, destination
RESERVED, DONT_FRAGMENT, MORE_FRAGMENTS, OFFSET_MASK = 0x8000, 0x4000, 0x2000, 0x1FFF
EOL, NOP, RR, TIMESTAMP, LSRR, SSRR, ROUTER_ALERT = 0, 1, 7, 68, 131, 137, 148


def options(data, start, end):
    """[(type, bytes of the whole option)] of the options in data[start:end],
    ending at EOL or at the first option whose length is impossible."""
    found = []
    while start < end:
        kind = data[start]
        if kind in (EOL, NOP):
            found.append((kind, data[start:start + 1]))
            if kind == EOL:
                break
            start += 1
            continue
        length = data[start + 1] if start + 1 < end else 0
        if length < 2 or start + length > end:
            found.append((kind, data[start:end]))
            break
        found.append((kind, data[start:start + length]))
        start += length
    return found


def final_destination(data, offset, header_length):
    """The destination a source route ends at (the last address of an LSRR or
    SSRR option), else the header's: what TCP and UDP checksums cover."""
    for kind, option in options(data, offset + 20, offset + header_length):
        if kind in (LSRR, SSRR) and len(option) >= 7:
            return option[-4:]
    return data[offset + 16:offset + 20]
