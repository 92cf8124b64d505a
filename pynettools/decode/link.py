"""Link-layer headers: Ethernet, 802.1Q/802.1ad tags, Linux cooked v1 and v2."""

import struct

VLAN_TYPES = frozenset((0x8100, 0x88A8, 0x9100, 0x9200))
_SLL = struct.Struct("!HHH8sH")      # packet type, ARPHRD type, address length, address, protocol
_SLL2 = struct.Struct("!HHIHBB8s")   # protocol, reserved, ifindex, ARPHRD type, packet type,
#                                      address length, address


def cooked_fields(data, version2):
    """(protocol, packet type, address length, address, interface index) of a
    cooked header (the index is 0 in v1, which has none)."""
    if version2:
        protocol, _zero, index, _hatype, packet_type, address_length, address = \
            _SLL2.unpack_from(data)
        return protocol, packet_type, address_length, address, index
    packet_type, _hatype, address_length, address, protocol = _SLL.unpack_from(data)
    return protocol, packet_type, address_length, address, 0


def vlan_fields(tci):
    """(VLAN id, priority, drop eligible) of a tag control field."""
    return tci & 0x0FFF, tci >> 13, bool(tci & 0x1000)


def mac_text(address):
    return ":".join("%02x" % byte for byte in address)


def ethernet_layer(data):
    """(the Ethernet layer, [VLAN tag layers], ethertype or None, payload offset)."""
    if len(data) < 14:
        return {"protocol": "ethernet", "truncated": True}, [], None, len(data)
    ethertype = data[12] << 8 | data[13]
    layer = {"protocol": "ethernet", "destination": mac_text(data[0:6]),
             "source": mac_text(data[6:12]), "ethertype": ethertype}
    if ethertype <= 1500:
        layer["length"] = layer.pop("ethertype")
        return layer, [], None, 14
    tags, offset = vlan_layers(data, 14, ethertype)
    return layer, tags, (tags[-1].get("ethertype") if tags else ethertype), offset


def vlan_layers(data, offset, ethertype):
    """The 802.1Q/802.1ad tags from `offset` while `ethertype` names one."""
    tags = []
    while ethertype in VLAN_TYPES:
        if len(data) < offset + 4:
            tags.append({"protocol": "vlan", "tpid": ethertype, "truncated": True})
            return tags, len(data)
        tci = data[offset] << 8 | data[offset + 1]
        vlan, priority, eligible = vlan_fields(tci)
        ethertype = data[offset + 2] << 8 | data[offset + 3]
        tags.append({"protocol": "vlan", "tpid": ethertype_of_tag(data, offset), "id": vlan,
                     "priority": priority, "drop_eligible": eligible, "ethertype": ethertype})
        offset += 4
    return tags, offset


def ethertype_of_tag(data, offset):
    """The TPID that introduced the tag at `offset`."""
    return data[offset - 2] << 8 | data[offset - 1]


PACKET_TYPES = {0: "host", 1: "broadcast", 2: "multicast", 3: "otherhost", 4: "outgoing"}


def cooked_layer(data, version2, interface_name):
    """(the cooked header's layer, its protocol, payload offset); `interface_name`
    turns an interface index into a name (v2 only)."""
    size = 20 if version2 else 16
    name = "linux_sll2" if version2 else "linux_sll"
    if len(data) < size:
        return {"protocol": name, "truncated": True}, None, len(data)
    protocol, packet_type, address_length, address, index = cooked_fields(data, version2)
    layer = {"protocol": name, "packet_type": PACKET_TYPES.get(packet_type, str(packet_type)),
             "link_address": mac_text(address[:min(address_length, 8)]),
             "ethertype": protocol}
    if version2:
        layer["interface_index"] = index
        layer["interface"] = interface_name(index)
    return layer, protocol, size
