"""IPv6 headers (RFC 8200) and their extension headers."""

import struct

HEADER = struct.Struct("!IHBB16s16s")  # version/class/flow, payload length, next header,
#                                        hop limit, source, destination
HOP_BY_HOP, ROUTING, FRAGMENT, DESTINATION, NO_NEXT = 0, 43, 44, 60, 59
EXTENSIONS = frozenset((HOP_BY_HOP, ROUTING, FRAGMENT, DESTINATION))


def extension_headers(data, offset, end):
    """[(type, start, length)] of the extension headers after the IPv6 header at
    `offset`, and the upper-layer protocol and its offset (None past `end`, or
    after a fragment that is not the first)."""
    found = []
    next_header = data[offset + 6]
    start = offset + 40
    while next_header in EXTENSIONS:
        if start + 8 > end:
            return found, next_header, None
        if next_header == FRAGMENT:
            length = 8
            if (data[start + 2] << 8 | data[start + 3]) & 0xFFF8:
                found.append((next_header, start, length))
                return found, data[start], None
        else:
            length = (data[start + 1] + 1) << 3
        found.append((next_header, start, length))
        next_header = data[start]
        start += length
    return found, next_header, start if start <= end else None


def final_destination(data, offset, end):
    """The destination a type 0 or 2 routing header ends at, else the header's:
    what the upper layer's checksum covers (tcpdump's ip6_finddst)."""
    for kind, start, length in extension_headers(data, offset, end)[0]:
        if kind == ROUTING and data[start + 2] in (0, 2) and data[start + 1] >= 2:
            last = start + 8 + 16 * (data[start + 1] // 2 - 1)
            if last + 16 <= end:
                return data[last:last + 16]
            break
    return data[offset + 24:offset + 40]
