"""The Internet checksum (RFC 1071) and the IPv4/IPv6 pseudo-headers of TCP,
UDP and ICMPv6, computed over the bytes as captured."""

import sys

_LITTLE = sys.byteorder == "little"


def ones_sum(data, initial=0):
    """The 16-bit ones' complement sum of `data` read as big-endian words."""
    if len(data) & 1:
        data = bytes(data) + b"\0"
    total = sum(memoryview(data).cast("H"))
    if _LITTLE:  # the sum of swapped words is the swapped sum
        total = (total & 0xFFFF) + (total >> 16)
        total = (total & 0xFFFF) + (total >> 16)
        total = ((total & 0xFF) << 8) | (total >> 8)
    total += initial
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return total


def checksum(data, initial=0):
    """The checksum over `data` (and a pseudo-header sum): 0 when `data` holds
    a right checksum, else what tcpdump calls the computed sum."""
    return ~ones_sum(data, initial) & 0xFFFF


def pseudo_header4(source, destination, protocol, length):
    """The sum of an IPv4 pseudo-header (4-byte packed addresses)."""
    return ones_sum(source + destination + bytes((0, protocol, length >> 8, length & 0xFF)))


def pseudo_header6(source, destination, protocol, length):
    """The sum of an IPv6 pseudo-header (16-byte packed addresses)."""
    return ones_sum(source + destination + length.to_bytes(4, "big") + bytes((0, 0, 0, protocol)))
