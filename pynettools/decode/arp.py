"""ARP and RARP (RFC 826, 903, 2390): hardware and protocol types, the
operation and the four addresses, whatever their lengths."""

import struct

_HEADER = struct.Struct("!HHBBH")


def fields(data, offset, end):
    """(hardware type, protocol type, operation, sender hardware address,
    sender protocol address, target hardware address, target protocol
    address), or None when the addresses lie past `end`."""
    hardware, protocol, hardware_length, protocol_length, operation = \
        _HEADER.unpack_from(data, offset)
    start = offset + 8
    if start + 2 * (hardware_length + protocol_length) > end:
        return None
    sender_mac = data[start:start + hardware_length]
    start += hardware_length
    sender = data[start:start + protocol_length]
    start += protocol_length
    target_mac = data[start:start + hardware_length]
    start += hardware_length
    return (hardware, protocol, operation, sender_mac, sender, target_mac,
            data[start:start + protocol_length])


OPERATIONS = {1: "request", 2: "reply", 3: "reverse-request", 4: "reverse-reply",
              8: "inverse-request", 9: "inverse-reply", 10: "nak"}


def layer(data, offset, end):
    """The ARP layer: types, operation and addresses (IPv4 ones as text)."""
    if end - offset < 8:
        return {"protocol": "arp", "truncated": True}
    header = fields(data, offset, end)
    if header is None:
        return {"protocol": "arp", "truncated": True}
    hardware, protocol, operation, sender_mac, sender, target_mac, target = header

    def address(raw):
        return ".".join(map(str, raw)) if len(raw) == 4 else raw.hex(":")

    return {"protocol": "arp", "hardware_type": hardware, "protocol_type": protocol,
            "operation": OPERATIONS.get(operation, str(operation)),
            "sender_hardware_address": sender_mac.hex(":"), "sender_address": address(sender),
            "target_hardware_address": target_mac.hex(":"), "target_address": address(target)}
