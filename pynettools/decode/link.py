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


def vlan_text(tci):
    """tcpdump's ieee8021q_tci_string: "vlan 10, p 3" and ", DEI" when set."""
    vlan, priority, eligible = vlan_fields(tci)
    return "vlan %u, p %u%s" % (vlan, priority, ", DEI" if eligible else "")
