"""ICMP (RFC 792, 950, 1256, 4884): message types and what each carries."""

ECHO_REPLY, UNREACHABLE, SOURCE_QUENCH, REDIRECT, ECHO = 0, 3, 4, 5, 8
ROUTER_ADVERTISEMENT, ROUTER_SOLICITATION, TIME_EXCEEDED, PARAMETER_PROBLEM = 9, 10, 11, 12
TIMESTAMP, TIMESTAMP_REPLY, MASK_REQUEST, MASK_REPLY = 13, 14, 17, 18
# errors quote the datagram that caused them
ERROR_TYPES = frozenset((UNREACHABLE, SOURCE_QUENCH, REDIRECT, TIME_EXCEEDED, PARAMETER_PROBLEM))
# errors that may carry a multi-part extension after 128 bytes of it (RFC 4884)
EXTENDED_TYPES = frozenset((UNREACHABLE, TIME_EXCEEDED, PARAMETER_PROBLEM))


def layer(data, offset, end, length):
    """The ICMP layer: type, code, checksum, and what the type carries."""
    from pynettools.decode.checksum import checksum

    if end - offset < 4:
        return {"protocol": "icmp", "truncated": True}
    kind, code = data[offset], data[offset + 1]
    found = {"protocol": "icmp", "type": kind, "code": code,
             "checksum": data[offset + 2] << 8 | data[offset + 3]}
    if offset + length <= end:
        found["checksum_valid"] = checksum(data[offset:offset + length]) == 0
    if end - offset >= 8:
        rest = data[offset + 4:offset + 8]
        if kind in (ECHO, ECHO_REPLY, TIMESTAMP, TIMESTAMP_REPLY, 15, 16, MASK_REQUEST,
                    MASK_REPLY):
            found["id"], found["sequence"] = rest[0] << 8 | rest[1], rest[2] << 8 | rest[3]
        elif kind == REDIRECT:
            found["gateway"] = ".".join(map(str, rest))
        elif kind == UNREACHABLE and code == 4:
            found["next_hop_mtu"] = rest[2] << 8 | rest[3]
        elif kind == PARAMETER_PROBLEM:
            found["pointer"] = rest[0]
    return found
