"""Loose source routing (traceroute -g): the bytes the kernel is given.

IPv4: an IP_OPTIONS socket option holding one LSRR option (RFC 791) that
lists the gateways and then the target, after a NOP that aligns it to 32
bits.  IPv6: an IPV6_RTHDR socket option holding a routing header (RFC
8200) of the given type listing the gateways; current kernels refuse it.
"""

import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up

NOP, LSRR = 1, 131
FIRST_ADDRESS_POINTER = 4
IP_OPTIONS, IPV6_RTHDR = 4, 57
DEFAULT_IPV6_TYPE = 2


def ipv4_option(gateways, target):
    addresses = b"".join(socket.inet_aton(address) for address in list(gateways) + [target])
    return bytes((NOP, LSRR, 3 + len(addresses), FIRST_ADDRESS_POINTER)) + addresses


def ipv6_header(gateways, route_type=DEFAULT_IPV6_TYPE):
    addresses = b"".join(socket.inet_pton(socket.AF_INET6, address) for address in gateways)
    return bytes((0, 2 * len(gateways), route_type & 0xFF, len(gateways), 0, 0, 0, 0)) + \
        addresses


def socket_option(version):
    """(level, option, what traceroute calls it in errors)."""
    if version == 6:
        return socket.IPPROTO_IPV6, IPV6_RTHDR, "setsockopt IPV6_RTHDR"
    return socket.IPPROTO_IP, IP_OPTIONS, "setsockopt IP_OPTIONS"
