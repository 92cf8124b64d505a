"""IPv4 headers (RFC 791): fields, options, fragments."""

import struct

from pynettools.decode.options import walk

HEADER = struct.Struct("!BBHHHBBH4s4s")  # version/IHL, TOS, length, id, flags/offset,
#                                          TTL, protocol, checksum, source, destination
RESERVED, DONT_FRAGMENT, MORE_FRAGMENTS, OFFSET_MASK = 0x8000, 0x4000, 0x2000, 0x1FFF
EOL, NOP, RR, TIMESTAMP, LSRR, SSRR, ROUTER_ALERT = 0, 1, 7, 68, 131, 137, 148


def options(data, start, end):
    """[(type, the option's bytes, None when its length is impossible)]."""
    return walk(data, start, end)


def final_destination(data, offset, header_length):
    """The destination a source route ends at (the last address of an LSRR or
    SSRR option), else the header's: what TCP and UDP checksums cover."""
    for kind, option in options(data, offset + 20, offset + header_length):
        if kind in (LSRR, SSRR) and option is not None and len(option) >= 7:
            return option[-4:]
    return data[offset + 16:offset + 20]


OPTION_NAMES = {EOL: "eol", NOP: "nop", RR: "rr", TIMESTAMP: "timestamp", LSRR: "lsrr",
                SSRR: "ssrr", ROUTER_ALERT: "router-alert", 130: "security", 82: "traceroute"}


def layer(data, offset, end):
    """(the IPv4 layer, protocol, payload offset, payload length, first fragment)
    or (layer, None, ...) when the header was not captured whole."""
    from pynettools.decode.checksum import checksum

    if end - offset < 20:
        return {"protocol": "ipv4", "truncated": True}, None, end, 0, False
    (first, tos, total, ident, fragment, ttl, protocol, field, source, destination) = \
        HEADER.unpack_from(data, offset)
    header_length = (first & 0x0F) * 4
    flags = [name for bit, name in ((RESERVED, "reserved"), (DONT_FRAGMENT, "DF"),
                                    (MORE_FRAGMENTS, "MF")) if fragment & bit]
    found = {"protocol": "ipv4", "version": first >> 4, "header_length": header_length,
             "dscp": tos >> 2, "ecn": tos & 3, "total_length": total, "id": ident,
             "flags": flags, "fragment_offset": (fragment & OFFSET_MASK) * 8, "ttl": ttl,
             "next_protocol": protocol, "checksum": field,
             "source": ".".join(map(str, source)), "destination": ".".join(map(str, destination))}
    if header_length < 20 or offset + header_length > end:
        found["truncated"] = True
        return found, None, end, 0, False
    found["checksum_valid"] = checksum(data[offset:offset + header_length]) == 0
    if header_length > 20:
        found["options"] = [{"type": kind, "name": OPTION_NAMES.get(kind, str(kind)),
                             "data": option[2:].hex() if option else ""}
                            for kind, option in options(data, offset + 20, offset + header_length)]
    return (found, protocol, offset + header_length, max(total - header_length, 0),
            fragment & OFFSET_MASK == 0)
