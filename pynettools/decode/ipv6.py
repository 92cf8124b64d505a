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


NAMES = {HOP_BY_HOP: "ipv6_hop_by_hop", ROUTING: "ipv6_routing", FRAGMENT: "ipv6_fragment",
         DESTINATION: "ipv6_destination"}


def address_text(address):
    import socket

    return socket.inet_ntop(socket.AF_INET6, address)


def layers(data, offset, end):
    """([the IPv6 layer and its extension headers' layers], upper protocol,
    payload offset, payload length) — protocol None when it cannot be reached."""
    if end - offset < 40:
        return [{"protocol": "ipv6", "truncated": True}], None, end, 0
    word, payload, next_header, hop_limit, source, destination = HEADER.unpack_from(data, offset)
    found = [{"protocol": "ipv6", "version": word >> 28, "traffic_class": (word >> 20) & 0xFF,
              "flow_label": word & 0xFFFFF, "payload_length": payload, "next_header": next_header,
              "hop_limit": hop_limit, "source": address_text(source),
              "destination": address_text(destination)}]
    headers, protocol, start = extension_headers(data, offset, end)
    for kind, at, length in headers:
        found.append(_extension_layer(data, kind, at, length, end))
    if start is None:
        return found, None, end, 0
    return found, protocol, start, max(offset + 40 + payload - start, 0)


def _extension_layer(data, kind, at, length, end):
    layer = {"protocol": NAMES[kind], "next_header": data[at], "length": length}
    if kind == FRAGMENT:
        offset_field = data[at + 2] << 8 | data[at + 3]
        layer.update(offset=offset_field & 0xFFF8, more_fragments=bool(offset_field & 1),
                     id=int.from_bytes(data[at + 4:at + 8], "big"))
    elif kind == ROUTING:
        layer.update(type=data[at + 2], segments_left=data[at + 3])
        if data[at + 2] in (0, 2, 4):
            layer["addresses"] = [address_text(data[start:start + 16])
                                  for start in range(at + 8, min(at + length, end) - 15, 16)]
    else:
        layer["options"] = _options(data, at + 2, min(at + length, end))
    return layer


def _options(data, start, end):
    found = []
    while start < end:
        kind = data[start]
        if kind == 0:
            found.append({"type": 0})
            start += 1
            continue
        if start + 1 >= end:
            break
        length = data[start + 1]
        found.append({"type": kind, "data": data[start + 2:start + 2 + length].hex()})
        start += 2 + length
    return found
