"""Link layers as tcpdump prints them: Ethernet with 802.1Q/802.1ad tags and
802.3 frames, the Linux cooked headers v1 and v2, raw IP, BSD loopback, and
link types it cannot print."""

import socket

from pynettools.capture import linktypes
from pynettools.decode import link
from pynettools.decode import names as tables
from pynettools.output import tcpdump_hex
from pynettools.output.tcpdump_common import Truncated
from pynettools.output.tcpdump_ethertype import ETHERTYPE_IPV4, print_ethertype
from pynettools.output.tcpdump_ip import print_ipv4
from pynettools.output.tcpdump_ip6 import print_ipv6
from pynettools.output.tcpdump_llc import print_llc

VLAN_TYPES = link.VLAN_TYPES
MAX_LENGTH_VALUE = 1500
SLL_PACKET_TYPES = {0: "In", 1: "B", 2: "M", 3: "P", 4: "Out"}


def vlan_text(tci):
    """tcpdump's ieee8021q_tci_string: "vlan 10, p 3" and ", DEI" when set."""
    vlan, priority, eligible = link.vlan_fields(tci)
    return "vlan %u, p %u%s" % (vlan, priority, ", DEI" if eligible else "")


def ethertype_text(p, ethertype):
    """ "ethertype IPv4 (0x0800), " (-q: "IPv4, ")."""
    if p.qflag:
        return "%s, " % tables.ETHERTYPES.get(ethertype, "Unknown Ethertype (0x%04x)" % ethertype)
    return "ethertype %s (0x%04x), " % (tables.ETHERTYPES.get(ethertype, "Unknown"), ethertype)


def print_ethernet(p, data, length, linktype):
    out = p.out
    caplen = len(data)
    p.protocol = "ether"
    if caplen < 14 or length < 14:
        out.append(" [|ether]")
        p.link_length = min(caplen, length)
        return
    ethertype = data[12] << 8 | data[13]
    if ethertype == ETHERTYPE_IPV4 and not p.eflag:  # the common case, first
        p.link_length = 14
        print_ipv4(p, data, 14, length - 14)
        return
    if p.eflag:
        out.append(_mac_pair(p, data))
        if ethertype <= MAX_LENGTH_VALUE:  # the length field's
            out.append("802.3, length %u: " % ethertype)
        else:
            out.append(ethertype_text(p, ethertype))
            out.append("length %u: " % length)
    offset = 14
    while ethertype in VLAN_TYPES:
        if caplen - offset < 4 or length - offset < 4:
            p.protocol = "vlan"
            out.append(" [|vlan]")
            p.link_length = offset + min(caplen, length) - offset
            return
        tci = data[offset] << 8 | data[offset + 1]
        ethertype = data[offset + 2] << 8 | data[offset + 3]
        if p.eflag:
            out.append(vlan_text(tci) + ", ")
            if ethertype > MAX_LENGTH_VALUE:
                out.append(ethertype_text(p, ethertype))
        offset += 4
    p.link_length = offset
    if ethertype <= MAX_LENGTH_VALUE:
        _print_8023(p, data, offset, ethertype, _mac_pair(p, data)[:-2])
        return
    if not print_ethertype(p, ethertype, data, offset, length - offset):
        if not p.eflag:
            out.append(_mac_pair(p, data))
            out.append(ethertype_text(p, ethertype))
            out.append("length %u: " % length)
        if not p.suppress_default:
            out.append(tcpdump_hex.hex_ascii(data[offset:]))


def _mac_pair(p, data):
    """ "source > destination, " of the Ethernet header, made only where it is printed."""
    return "%s > %s, " % (p.names.mac(data[6:12]), p.names.mac(data[0:6]))


def _print_8023(p, data, offset, length, addresses):
    """An 802.3 frame: its length field bounds the LLC payload."""
    saved = p.end
    p.end = min(saved, offset + length)
    try:
        if print_llc(p, data, offset, length, addresses) or p.suppress_default:
            return
        p.out.append(tcpdump_hex.hex_ascii(data[offset:p.end]))
    finally:
        p.end = saved


def interface_name(index):
    """The name tcpdump shows for an interface index: this machine's, or "?"."""
    try:
        return socket.if_indextoname(index)
    except OSError:
        return "?"


def _cooked_header(p, version2, type_name, index, address_length, address, protocol,
                   length):
    """sll_print/sll2_print: the packet type or interface index, the address,
    the ethertype and the length."""
    out = p.out
    out.append("ifindex %u " % index if version2 else "%3s " % type_name)
    if address_length == 6:
        out.append("%s " % p.names.mac(address[:6]))
    if not p.qflag:
        if protocol <= MAX_LENGTH_VALUE:
            out.append({1: "802.3", 4: "802.2"}.get(protocol,
                                                   "ethertype Unknown (0x%04x)" % protocol))
        else:
            out.append("ethertype %s (0x%04x)" % (tables.ETHERTYPES.get(protocol, "Unknown"),
                                                  protocol))
        out.append(", length %u: " % length)


def print_cooked(p, data, length, linktype):
    """LINUX_SLL (v1, 16 bytes) and LINUX_SLL2 (v2, 20 bytes, with the interface
    index, which tcpdump names as the reading machine names it)."""
    version2 = linktype == linktypes.LINUX_SLL2
    header_length = 20 if version2 else 16
    out = p.out
    caplen = len(data)
    p.protocol = "sll2" if version2 else "sll"
    if caplen < header_length:
        raise Truncated()
    protocol, packet_type, address_length, address, index = link.cooked_fields(data, version2)
    type_name = SLL_PACKET_TYPES.get(packet_type, "?")
    header = (version2, type_name, index, address_length, address)
    if version2:
        out.append("%-5s %-3s " % (interface_name(index), type_name))
    if p.eflag:
        _cooked_header(p, *header, protocol, length)
    offset = header_length
    if protocol == 0x8100:
        if caplen - offset < 4 or length - offset < 4:
            out.append("[|vlan]")
            p.link_length = caplen
            return
        if p.eflag:
            out.append(vlan_text(data[offset] << 8 | data[offset + 1]) + ", ")
        protocol = data[offset + 2] << 8 | data[offset + 3]
        if protocol <= MAX_LENGTH_VALUE:
            protocol = 4
        if not p.qflag:
            out.append("ethertype %s, " % tables.ETHERTYPES.get(protocol, "Unknown"))
        offset += 4
    p.link_length = offset
    if protocol > MAX_LENGTH_VALUE:
        if print_ethertype(p, protocol, data, offset, length - offset):
            return
        if not p.eflag:
            _cooked_header(p, *header, protocol, length - offset + header_length)
    elif protocol == 4 and print_llc(p, data, offset, length - offset, None):
        return
    # 802.3 (IPX) payloads, and LLC ones not decoded here: their bytes
    if not p.suppress_default:
        out.append(tcpdump_hex.hex_ascii(data[offset:]))


def print_raw(p, data, length, linktype):
    """RAW: IPv4 or IPv6 by the version nibble (ipN_print); IPV4, IPV6: as named."""
    p.link_length = 0
    if p.eflag:
        p.out.append("ip: ")
    if linktype == linktypes.IPV4:
        print_ipv4(p, data, 0, length)
    elif linktype == linktypes.IPV6:
        print_ipv6(p, data, 0, length)
    else:
        _print_ip_version(p, data, 0, length)


def _print_ip_version(p, data, offset, length):
    """ipN_print: IPv4 or IPv6 by the version nibble."""
    p.protocol = "ipn"
    if length < 1:
        p.out.append("truncated-ip %u" % length)
        return
    if p.end <= offset:
        raise Truncated()
    version = data[offset] & 0xF0
    if version == 0x40:
        print_ipv4(p, data, offset, length)
    elif version == 0x60:
        print_ipv6(p, data, offset, length)
    else:
        p.out.append("unknown ip %u" % (version >> 4))


BSD_FAMILIES = {2: "IPv4", 6: "NS", 7: "ISO", 16: "Appletalk", 23: "IPX", 24: "IPv6",
                28: "IPv6", 30: "IPv6"}
BSD_INET, BSD_INET6 = 2, (24, 28, 30)
NULL, LOOP = 0, 108  # DLT_NULL (host byte order), DLT_LOOP (network byte order)


def _family_header(p, family, length):
    """null_hdr_print: "AF IPv4 (2), length 84: " (-q: "IPv4, length 84: ")."""
    if p.qflag:
        p.out.append(BSD_FAMILIES.get(family, "Unknown AF %u" % family))
    else:
        p.out.append("AF %s (%u)" % (BSD_FAMILIES.get(family, "Unknown"), family))
    p.out.append(", length %u: " % length)


def print_null(p, data, length, linktype):
    """NULL and LOOP: a 4-byte BSD address family, in whichever byte order
    puts its value in the low 16 bits (as tcpdump guesses it)."""
    p.protocol = "null"
    if len(data) < 4:
        raise Truncated()
    p.link_length = 4
    family = int.from_bytes(data[:4], "little")
    if family & 0xFFFF0000:
        family = int.from_bytes(data[:4], "big")
    if p.eflag:
        _family_header(p, family, length)
    if family == BSD_INET:
        print_ipv4(p, data, 4, length - 4)
    elif family in BSD_INET6:
        print_ipv6(p, data, 4, length - 4)
    else:  # ISO, AppleTalk and IPX are not decoded here: their bytes
        if not p.eflag:
            _family_header(p, family, length)
        if not p.suppress_default:
            p.out.append(tcpdump_hex.hex_ascii(data[4:]))


def unsupported(p, data, length, linktype):
    """A link type tcpdump has no printer for: the word, and the bytes."""
    p.out.append("UNSUPPORTED" + tcpdump_hex.hex_ascii(data))


PRINTERS = {linktypes.ETHERNET: print_ethernet, linktypes.LINUX_SLL: print_cooked,
            linktypes.LINUX_SLL2: print_cooked, linktypes.RAW: print_raw,
            linktypes.IPV4: print_raw, linktypes.IPV6: print_raw, NULL: print_null,
            LOOP: print_null}
