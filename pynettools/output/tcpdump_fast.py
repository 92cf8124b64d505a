"""The common packet's line in one call: Ethernet or Linux cooked v1, a plain
IPv4 or IPv6 header, then TCP, UDP, ICMP or ICMPv6; or ARP.

Most of a capture is such packets, and at default verbosity all tcpdump
prints of their link and IP headers is "IP " or "IP6 " and, unless the
transport names them with its ports, the two addresses.  `line_function(p)`
is the printer's line() that reads those headers inline and hands the
payload straight to the general transport printer (tcpdump_tcp, _udp, _icmp,
_icmp6: the same words, caches and state), skipping the link and IP layers'
calls.  Anything else goes to the general printer, decided before any state
changes: other link or ether types, IP options or extension headers,
fragments but the first, a header cut short or lengths that disagree, and the options
that print more of those headers (-v, -e, -x, -X, -A).
"""

import struct

from pynettools.capture import linktypes
from pynettools.output.tcpdump_arp import print_arp
from pynettools.output.tcpdump_common import Truncated
from pynettools.output.tcpdump_ethertype import ETHERTYPE_ARP
from pynettools.output.tcpdump_ip import host_pair

# where the ether type is and the IP header starts, by link type
_LINK_HEADERS = {linktypes.ETHERNET: 14, linktypes.LINUX_SLL: 16}
_IPV4 = struct.Struct("!BxHxxHxB")  # version and header length, total length, fragment, protocol
_IPV6 = struct.Struct("!BxxxHB")  # version, payload length, next header
_PORTS_NAME_HOSTS = (6, 17)  # TCP and UDP print the addresses with their ports


def _arp(p, data, offset, length, *_):
    print_arp(p, data, offset, length)


def line_function(p):
    """`p`'s line(stamp, wire_length, data, linktype): the fast path, or the general
    printer's when the options print more than the common line."""
    general = p.general_line
    if p.verbose or p.eflag or p.dumps:
        return general
    transports = {number: p.transports[number] for number in (1, 6, 17, 58)}
    stamp_text, numbered = p.stamp, p.numbered
    # what every packet uses, bound here (a closure's names are the fastest to read)
    link_header, ipv4_fields, ipv6_fields = _LINK_HEADERS.get, _IPV4.unpack_from, \
        _IPV6.unpack_from

    def line(stamp, wire_length, data, linktype):
        header = link_header(linktype)
        caplen = len(data)
        if header is None or wire_length < caplen or caplen < header + 20:
            return general(stamp, wire_length, data, linktype)
        ethertype = data[header - 2] << 8 | data[header - 1]
        if ethertype == 0x0800:
            first, total, fragment, protocol = ipv4_fields(data, header)
            printer = transports.get(protocol)
            # a first fragment is printed as a whole datagram, the others are not
            if first != 0x45 or fragment & 0x1FFF or total < 20 or \
                    total > wire_length - header or printer is None:
                return general(stamp, wire_length, data, linktype)
            # one name a statement: a tuple assigned apart costs a tuple
            version = 4
            offset = header + 20
            length = total - 20
            fragmented = fragment & 0x2000
            p.protocol = "ip"
            head = "IP " if protocol in _PORTS_NAME_HOSTS else \
                "IP " + host_pair(p, data, header + 12, 4)
        elif ethertype == 0x86DD and caplen >= header + 40:
            first, length, protocol = ipv6_fields(data, header)
            printer = transports.get(protocol)
            if first >> 4 != 6 or not length or length + 40 > wire_length - header or \
                    printer is None:
                return general(stamp, wire_length, data, linktype)
            version = 6
            offset = header + 40
            total = length + 40
            fragmented = 0
            p.protocol = "ip6"
            head = "IP6 " if protocol in _PORTS_NAME_HOSTS else \
                "IP6 " + host_pair(p, data, header + 8, 16)
        elif ethertype == ETHERTYPE_ARP:
            printer, version, offset, length, total, fragmented, head = \
                _arp, 0, header, wire_length - header, caplen - header, 0, ""
        else:
            return general(stamp, wire_length, data, linktype)
        if numbered:  # the count is only read for -#
            p.count += 1
            out = p.out = ["%5u  " % p.count, stamp_text(stamp), head]
        else:
            out = p.out = [stamp_text(stamp), head]
        p.end = header + total if header + total < caplen else caplen
        try:
            printer(p, data, offset, length, version, fragmented, header)
        except Truncated:
            out.append(" [|%s]" % p.protocol)
        out.append("\n")
        return "".join(out)

    return line
