"""Address primitives: `host`, `net` (IPv4 and IPv6), `ether host`, and the
IPv4 and Ethernet `broadcast` / `multicast` tests, as libpcap generates them.

`host X` without a protocol also matches ARP and RARP packets whose sender
or target protocol address is X; a short dotted number (`host 10.1`) is a
network, and `net 10` means 10.0.0.0/8.
"""

import pynettools.bpf.names as names
import pynettools.bpf.opcodes as opcodes
import pynettools.bpf.tables as tables
from pynettools.bpf.blocks import gen_and, gen_or
from pynettools.bpf.linklayer import OR_LINKHDR, OR_LINKPL
from pynettools.capture import linktypes

# How libpcap names a protocol qualifier in its complaints.
PROTO_WORDS = {
    "LINK": "link", "IP": "ip", "ARP": "arp", "RARP": "rarp", "SCTP": "sctp", "TCP": "tcp",
    "UDP": "udp", "ICMP": "icmp", "IGMP": "igmp", "IGRP": "igrp", "PIM": "pim", "VRRP": "vrrp",
    "CARP": "carp", "RADIO": "radio", "IPV6": "ip6", "ICMPV6": "icmp6", "AH": "ah",
    "ESP": "esp", "ATALK": "atalk", "AARP": "aarp", "DECNET": "decnet", "LAT": "lat",
    "SCA": "sca", "MOPRC": "moprc", "MOPDL": "mopdl", "ISO": "iso", "ESIS": "esis",
    "ISIS": "isis", "L1": "l1", "L2": "l2", "IIH": "iih", "LSP": "lsp", "SNP": "snp",
    "CSNP": "csnp", "PSNP": "psnp", "CLNP": "clnp", "STP": "stp", "IPX": "ipx",
    "NETBEUI": "netbeui",
}
_NOT_IMPLEMENTED = {"ATALK": "AppleTalk", "LAT": "LAT", "SCA": "SCA", "MOPRC": "MOPRC",
                    "MOPDL": "MOPDL", "AARP": "AARP", "ISO": "ISO", "IPX": "IPX"}
# (ethertype, source offset, destination offset) of the addresses to compare.
_IPV4_FIELDS = {"IP": (tables.ETHERTYPE_IP, 12, 16), "ARP": (tables.ETHERTYPE_ARP, 14, 24),
                "RARP": (tables.ETHERTYPE_REVARP, 14, 24)}
_WLAN_DIRECTIONS = {tables.Q_ADDR1: "'addr1' and 'address1' are",
                    tables.Q_ADDR2: "'addr2' and 'address2' are",
                    tables.Q_ADDR3: "'addr3' and 'address3' are",
                    tables.Q_ADDR4: "'addr4' and 'address4' are",
                    tables.Q_RA: "'ra' is", tables.Q_TA: "'ta' is"}
ETHER_BROADCAST = b"\xff" * 6


def wlan_direction_error(compiler, direction, what):
    compiler.error("%s not valid qualifiers for %s" % (_WLAN_DIRECTIONS[direction], what)
                   if direction not in (tables.Q_RA, tables.Q_TA) else
                   "%s not a valid qualifier for %s" % (_WLAN_DIRECTIONS[direction], what))


def by_direction(compiler, direction, source, destination, what):
    """`source()` / `destination()` tests combined as the direction asks."""
    if direction == tables.Q_SRC:
        return source()
    if direction == tables.Q_DST:
        return destination()
    if direction in (tables.Q_AND, tables.Q_DEFAULT, tables.Q_OR):
        first, second = source(), destination()
        (gen_and if direction == tables.Q_AND else gen_or)(first, second)
        return second
    wlan_direction_error(compiler, direction, what)


def host(compiler, address, mask, proto, direction, addr_type):
    """An IPv4 address (an int) under a mask."""
    kind = "net" if addr_type == tables.Q_NET else "host"
    if proto == tables.Q_DEFAULT:
        block = host(compiler, address, mask, "IP", direction, addr_type)
        if compiler.label_stack_depth == 0:
            arp = host(compiler, address, mask, "ARP", direction, addr_type)
            gen_or(block, arp)
            block = host(compiler, address, mask, "RARP", direction, addr_type)
            gen_or(arp, block)
        return block
    if proto in _IPV4_FIELDS:
        ethertype, source, destination = _IPV4_FIELDS[proto]
        return by_direction(
            compiler, direction,
            lambda: _hostop(compiler, address, mask, ethertype, source),
            lambda: _hostop(compiler, address, mask, ethertype, destination),
            "addresses other than 802.11 MAC addresses")
    if proto == "LINK":
        compiler.error("link-layer modifier applied to %s" % kind)
    if proto in _NOT_IMPLEMENTED:
        compiler.error("%s host filtering not implemented" % _NOT_IMPLEMENTED[proto])
    if proto == "IPV6":
        compiler.error("'ip6' modifier applied to ip host")
    if proto == "DECNET":
        return by_direction(compiler, direction,
                            lambda: _decnet_hostop(compiler, address, 3, 15),
                            lambda: _decnet_hostop(compiler, address, 1, 7),
                            "addresses other than 802.11 MAC addresses")
    compiler.error("'%s' modifier applied to %s" % (PROTO_WORDS[proto], kind))


def _swap16(value):
    """ntohs on this little-endian host: DECnet addresses are little-endian."""
    return ((value & 0xFF) << 8) | ((value >> 8) & 0xFF)


def _decnet_hostop(compiler, address, short_offset, long_offset):
    """A DECnet node address, in the long or short routing header, padded or not."""
    first = compiler.linktype_test(tables.ETHERTYPE_DN)
    address = _swap16(address & 0xFFFF)
    cases = ((opcodes.H, 0x0681, 0x07FF, 3 + long_offset), (opcodes.B, 0x06, 0x07, 2 + long_offset),
             (opcodes.H, 0x0281, 0x07FF, 3 + short_offset), (opcodes.B, 0x02, 0x07, 2 + short_offset))
    block = None
    for size, flags, mask, offset in cases:
        if size == opcodes.H:
            flags, mask = _swap16(flags), _swap16(mask)
        test = compiler.mcmp(OR_LINKPL, 2, size, flags, mask)
        second = compiler.cmp(OR_LINKPL, offset, opcodes.H, address)
        gen_and(test, second)
        if block is not None:
            gen_or(second, block)
        block = second if block is None else block
    gen_and(first, block)
    return block


def _hostop(compiler, address, mask, ethertype, offset):
    first = compiler.linktype_test(ethertype)
    second = compiler.mcmp(OR_LINKPL, offset, opcodes.W, address, mask)
    gen_and(first, second)
    return second


def host6(compiler, address, mask, proto, direction, addr_type):
    """An IPv6 address (16 bytes) under a mask (16 bytes)."""
    kind = "net" if addr_type == tables.Q_NET else "host"
    if proto in (tables.Q_DEFAULT, "IPV6"):
        return by_direction(
            compiler, direction,
            lambda: _hostop6(compiler, address, mask, 8),
            lambda: _hostop6(compiler, address, mask, 24),
            "addresses other than 802.11 MAC addresses")
    if proto == "LINK":
        compiler.error("link-layer modifier applied to ip6 %s" % kind)
    if proto == "ATALK":
        compiler.error("AppleTalk modifier applied to ip6 %s" % kind)
    compiler.error("'%s' modifier applied to ip6 %s" % (PROTO_WORDS[proto], kind))


def _hostop6(compiler, address, mask, offset):
    """The four words compared from the last, each under its part of the mask."""
    block = None
    for index in (3, 2, 1, 0):
        word = int.from_bytes(address[4 * index:4 * index + 4], "big")
        word_mask = int.from_bytes(mask[4 * index:4 * index + 4], "big")
        test = compiler.mcmp(OR_LINKPL, offset + 4 * index, opcodes.W, word & word_mask,
                             word_mask)
        if block is None:
            block = test
        else:
            gen_and(test, block)
    first = compiler.linktype_test(tables.ETHERTYPE_IPV6)
    gen_and(first, block)
    return block


def ether_host(compiler, address, direction):
    """An Ethernet address (6 bytes) in the source and/or destination field."""
    if direction in _WLAN_DIRECTIONS:
        compiler.error("%s only supported on 802.11 with 802.11 headers"
                       % _WLAN_DIRECTIONS[direction])
    return by_direction(compiler, direction,
                        lambda: compiler.bcmp(OR_LINKHDR, 6, address),
                        lambda: compiler.bcmp(OR_LINKHDR, 0, address), "")


def ether_code(compiler, text, qualifiers):
    """An EID token (`ether host 0:1:2:3:4:5`)."""
    if qualifiers.addr in (tables.Q_HOST, tables.Q_DEFAULT) and qualifiers.proto == "LINK":
        require_ethernet(compiler)
        return ether_host(compiler, names.ether_aton(text), qualifiers.dir)
    compiler.error("ethernet address used in non-ether expression")


def require_ethernet(compiler):
    if compiler.linktype != linktypes.ETHERNET:
        compiler.error("ethernet addresses supported only on ethernet/FDDI/token ring/"
                       "802.11/ATM LANE/Fibre Channel")


def broadcast(compiler, proto):
    if proto in (tables.Q_DEFAULT, "LINK"):
        if compiler.linktype != linktypes.ETHERNET:
            compiler.error("not a broadcast link")
        return ether_host(compiler, ETHER_BROADCAST, tables.Q_DST)
    if proto == "IP":
        if compiler.netmask == 0xFFFFFFFF:
            compiler.error("netmask not known, so 'ip broadcast' not supported")
        first = compiler.linktype_test(tables.ETHERTYPE_IP)
        hostmask = ~compiler.netmask & 0xFFFFFFFF
        zeros = compiler.mcmp(OR_LINKPL, 16, opcodes.W, 0, hostmask)
        ones = compiler.mcmp(OR_LINKPL, 16, opcodes.W, hostmask, hostmask)
        gen_or(zeros, ones)
        gen_and(first, ones)
        return ones
    compiler.error("only link-layer/IP broadcast filters supported")


def multicast(compiler, proto):
    if proto in (tables.Q_DEFAULT, "LINK"):
        if compiler.linktype == linktypes.ETHERNET:
            return compiler.jset(OR_LINKHDR, 0, opcodes.B, 1)
    elif proto in ("IP", "IPV6"):
        first = compiler.linktype_test(
            tables.ETHERTYPE_IP if proto == "IP" else tables.ETHERTYPE_IPV6)
        if proto == "IP":
            second = compiler.cmp_ge(OR_LINKPL, 16, opcodes.B, 224)
        else:
            second = compiler.cmp(OR_LINKPL, 24, opcodes.B, 255)
        gen_and(first, second)
        return second
    compiler.error("link-layer multicast filters supported only on ethernet/FDDI/token ring/"
                   "ARCNET/802.11/ATM LANE/Fibre Channel")
