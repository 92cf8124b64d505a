"""The layers of BSD loopback, 802.2 LLC, MPLS, PPPoE and of the IP protocols SCTP, IGMP,
VRRP, ESP, AH and PIM, as JSON-ready dicts (see pynettools/schemas/pytcpdump.json).
A header not captured whole gives {"protocol": NAME, "truncated": True}."""

BSD_FAMILIES = {2: 0x0800, 24: 0x86DD, 28: 0x86DD, 30: 0x86DD}  # to the ethertype
PPP_ETHERTYPES = {0x0021: 0x0800, 0x0057: 0x86DD}


def _u16(data, at):
    return data[at] << 8 | data[at + 1]


def _u32(data, at):
    return int.from_bytes(data[at:at + 4], "big")


def loopback(data):
    """(layer, ethertype of the payload or None, offset): NULL's family in
    host order, LOOP's in network order, told apart as tcpdump does."""
    if len(data) < 4:
        return {"protocol": "loopback", "truncated": True}, None, 4
    family = int.from_bytes(data[:4], "little")
    if family & 0xFFFF0000:
        family = int.from_bytes(data[:4], "big")
    return {"protocol": "loopback", "family": family}, BSD_FAMILIES.get(family), 4


def llc(data, offset, end):
    """(layer, ethertype of the payload or None, offset): the SAPs, the
    control field (two bytes in I and S frames) and a SNAP header's OUI and
    protocol; IP over LLC and SNAP's Ethernet types lead on."""
    if end - offset < 3:
        return {"protocol": "llc", "truncated": True}, None, offset
    dsap, ssap, control = data[offset:offset + 3]
    size = 3
    if control & 3 != 3:
        if end - offset < 4:
            return {"protocol": "llc", "truncated": True}, None, offset
        control |= data[offset + 3] << 8
        size = 4
    layer = {"protocol": "llc", "dsap": dsap, "ssap": ssap, "control": control}
    offset += size
    if dsap == ssap == 0x06 and control == 3:
        return layer, 0x0800, offset
    if dsap == ssap == 0xAA and control == 3 and end - offset >= 5:
        layer["oui"] = int.from_bytes(data[offset:offset + 3], "big")
        layer["pid"] = _u16(data, offset + 3)
        ethernet = layer["oui"] in (0, 0xF8)
        return layer, layer["pid"] if ethernet else None, offset + 5
    return layer, None, offset


def mpls(data, offset, end):
    """(label layers, ethertype of the payload or None, offset after the stack)."""
    layers = []
    while True:
        if end - offset < 4:
            layers.append({"protocol": "mpls", "truncated": True})
            return layers, None, offset
        entry = _u32(data, offset)
        layers.append({"protocol": "mpls", "label": entry >> 12,
                       "traffic_class": entry >> 9 & 7, "bottom": bool(entry & 0x100),
                       "ttl": entry & 0xFF})
        offset += 4
        if entry & 0x100:
            break
    label = layers[-1]["label"]
    if label in (0, 3):
        return layers, 0x0800, offset
    if label == 2:
        return layers, 0x86DD, offset
    first = data[offset] if offset < end else 0
    ethertype = 0x0800 if 0x45 <= first <= 0x4F else 0x86DD if 0x60 <= first <= 0x6F else None
    return layers, ethertype, offset


def pppoe(data, offset, end):
    """(layer, ethertype of a session's payload or None, offset of it)."""
    if end - offset < 6:
        return {"protocol": "pppoe", "truncated": True}, None, offset
    layer = {"protocol": "pppoe", "version": data[offset] >> 4, "type": data[offset] & 0x0F,
             "code": data[offset + 1], "session": _u16(data, offset + 2),
             "length": _u16(data, offset + 4)}
    offset += 6
    if layer["code"]:
        return layer, None, offset
    if data[offset:offset + 2] == b"\xff\x03":
        offset += 2
    if offset < end and data[offset] & 1:
        protocol, offset = data[offset], offset + 1
    elif end - offset >= 2:
        protocol, offset = _u16(data, offset), offset + 2
    else:
        return layer, None, offset
    layer["ppp_protocol"] = protocol
    return layer, PPP_ETHERTYPES.get(protocol), offset


def _fields(name, data, offset, end, size, fields):
    if end - offset < size:
        return {"protocol": name, "truncated": True}
    found = {"protocol": name}
    for key, (at, width) in fields.items():
        found[key] = int.from_bytes(data[offset + at:offset + at + width], "big")
    return found


def ip_protocol(number, data, offset, end, length):
    """The layer of IP protocol `number` if this module decodes it, else None;
    and for AH the (next header, offset, length) that follows it."""
    if number == 132:
        return _fields("sctp", data, offset, end, 12, {
            "source_port": (0, 2), "destination_port": (2, 2), "verification_tag": (4, 4),
            "checksum": (8, 4)}), None
    if number == 2:
        return _fields("igmp", data, offset, end, 8, {
            "type": (0, 1), "max_response": (1, 1), "checksum": (2, 2)}) | \
            _group(data, offset, end), None
    if number == 112:
        return _vrrp(data, offset, end), None
    if number == 50:
        return _fields("esp", data, offset, end, 8, {"spi": (0, 4), "sequence": (4, 4)}), None
    if number == 103:
        layer = _fields("pim", data, offset, end, 1, {})
        if end > offset:
            layer.update(version=data[offset] >> 4, type=data[offset] & 0x0F)
        return layer, None
    if number == 51:
        layer = _fields("ah", data, offset, end, 12, {
            "next_header": (0, 1), "spi": (4, 4), "sequence": (8, 4)})
        if layer.get("truncated"):
            return layer, None
        size = layer["header_length"] = (data[offset + 1] + 2) * 4
        return layer, (layer["next_header"], offset + size, length - size)
    return None, None


def _group(data, offset, end):
    return {"group": ".".join(map(str, data[offset + 4:offset + 8]))} if \
        end - offset >= 8 else {}


def _vrrp(data, offset, end):
    layer = _fields("vrrp", data, offset, end, 8, {
        "vrid": (1, 1), "priority": (2, 1), "address_count": (3, 1), "checksum": (6, 2)})
    if not layer.get("truncated"):
        layer.update(version=data[offset] >> 4, type=data[offset] & 0x0F)
    return layer
