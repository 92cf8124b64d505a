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
