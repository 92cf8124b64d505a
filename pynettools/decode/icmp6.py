"""ICMPv6 (RFC 4443), neighbour discovery (RFC 4861) and MLD (RFC 2710, 3810)."""

ERROR_TYPES = frozenset((1, 2, 3, 4))
SOURCE_LINK_ADDRESS, TARGET_LINK_ADDRESS, PREFIX_INFORMATION, REDIRECTED_HEADER, MTU = \
    1, 2, 3, 4, 5
ADVERTISEMENT_INTERVAL, HOME_AGENT_INFORMATION, ROUTE_INFORMATION, RDNSS = 7, 8, 24, 25


def layer(data, offset, end, length, pseudo_sum):
    """The ICMPv6 layer: type, code, checksum, and what the type carries."""
    from pynettools.decode.checksum import checksum
    from pynettools.decode.ipv6 import address_text

    if end - offset < 4:
        return {"protocol": "icmpv6", "truncated": True}
    kind, code = data[offset], data[offset + 1]
    found = {"protocol": "icmpv6", "type": kind, "code": code,
             "checksum": data[offset + 2] << 8 | data[offset + 3]}
    if offset + length <= end:
        found["checksum_valid"] = checksum(data[offset:offset + length], pseudo_sum) == 0
    body = data[offset:min(end, offset + length)]
    if len(body) >= 8:
        if kind in (128, 129):
            found["id"], found["sequence"] = body[4] << 8 | body[5], body[6] << 8 | body[7]
        elif kind == 2:
            found["mtu"] = int.from_bytes(body[4:8], "big")
        elif kind == 4:
            found["pointer"] = int.from_bytes(body[4:8], "big")
    if kind in (135, 136, 137) and len(body) >= 24:
        found["target"] = address_text(body[8:24])
        if kind == 136:
            flags = body[4]
            found["flags"] = [name for bit, name in ((0x80, "router"), (0x40, "solicited"),
                                                     (0x20, "override")) if flags & bit]
    if kind in (130, 131, 132) and len(body) >= 24:
        found["group"] = address_text(body[8:24])
    if kind == 143 and len(body) >= 8:
        found["records"] = _mld2_records(body, address_text)
    start = {133: 8, 134: 16, 135: 24, 136: 24, 137: 40}.get(kind)
    if start is not None:
        found["options"] = _nd_options(body, start)
    return found


def _mld2_records(body, address_text):
    records, at = [], 8
    for _index in range(body[6] << 8 | body[7]):
        if at + 20 > len(body):
            break
        sources = body[at + 2] << 8 | body[at + 3]
        records.append({"type": body[at], "group": address_text(body[at + 4:at + 20]),
                        "sources": [address_text(body[start:start + 16]) for start in
                                    range(at + 20, min(at + 20 + 16 * sources, len(body)) - 15,
                                          16)]})
        at += 20 + 16 * sources + 4 * body[at + 1]
    return records


def _nd_options(body, at):
    found = []
    while at + 2 <= len(body):
        kind, units = body[at], body[at + 1]
        if not units:
            break
        value = body[at + 2:at + 8 * units]
        option = {"type": kind, "length": 8 * units}
        if kind in (SOURCE_LINK_ADDRESS, TARGET_LINK_ADDRESS):
            option["link_address"] = value.hex(":")
        elif kind == MTU and len(value) >= 6:
            option["mtu"] = int.from_bytes(value[2:6], "big")
        else:
            option["data"] = value.hex()
        found.append(option)
        at += 8 * units
    return found
