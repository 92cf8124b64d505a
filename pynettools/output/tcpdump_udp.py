"""UDP as tcpdump prints it (udp_print), and DNS, mDNS, BOOTP, NTP and syslog above it."""

import struct

from pynettools.decode import checksum
from pynettools.output.tcpdump_common import (Cut, Truncated, addresses, pseudo_sum,
                                              should_be)
from pynettools.output.tcpdump_dns import print_domain
from pynettools.output.tcpdump_ntp import print_ntp
from pynettools.output.tcpdump_syslog import print_syslog

DOMAIN, MULTICAST_DNS, NTP, SYSLOG = 53, 5353, 123, 514
BOOTP = (67, 68)
BOOTP_OPERATIONS = {1: "Request", 2: "Reply"}
_UDP = struct.Struct("!HHH")


def print_udp(p, data, offset, length, version, fragmented, ip_offset):
    out = p.out
    p.protocol = "udp"
    end = p.end
    if end - offset < 8 or length < 8:
        _print_short_udp(p, data, offset, length, version, ip_offset)
        return
    sport, dport, field_length = _UDP.unpack_from(data, offset)
    if field_length == 0 and length > 65535:
        field_length = length
    # udpipaddr_print's "src.port > dst.port: ", kept per addresses and ports: one
    # slice where UDP follows the IP header, else with the next header before them
    # (which decides between addresses with ports and ports alone)
    if version == 4:
        key = data[ip_offset + 12:offset + 4] if offset == ip_offset + 20 else \
            data[ip_offset + 9:ip_offset + 10] + data[ip_offset + 12:ip_offset + 20] + \
            data[offset:offset + 4]
    else:
        key = data[ip_offset + 8:offset + 4] if offset == ip_offset + 40 else \
            data[ip_offset + 6:ip_offset + 7] + data[ip_offset + 8:ip_offset + 40] + \
            data[offset:offset + 4]
    prefix = p.udp_prefixes.get(key) or _udp_prefix(p, data, offset, version, ip_offset, key)
    if field_length < 8:
        out.append("%struncated-udplength %u" % (prefix, field_length))
        return
    field_length -= 8
    length -= 8
    if field_length < length:
        length = field_length
    out.append(prefix)
    if p.verbose and not p.kflag and not fragmented:
        _udp_checksum(p, data, offset, length, version, ip_offset)
    if not p.qflag and (sport == DOMAIN or dport == DOMAIN):
        print_domain(p, data, offset + 8, length, False)
    elif not p.qflag and (sport in BOOTP or dport in BOOTP):
        print_bootp(p, data, offset + 8, length)
    elif not p.qflag and (sport == NTP or dport == NTP):
        print_ntp(p, data, offset + 8, length)
    elif not p.qflag and (sport == SYSLOG or dport == SYSLOG):
        print_syslog(p, data, offset + 8, length)
    elif not p.qflag and (sport == MULTICAST_DNS or dport == MULTICAST_DNS):
        print_domain(p, data, offset + 8, length, False, True)
    elif field_length > length and not fragmented:
        out.append("UDP, bad length %u > %u" % (field_length, length))
    else:
        out.append(f"UDP, length {field_length}")


def _udp_prefix(p, data, offset, version, ip_offset, key):
    """The prefix of a UDP header not seen before, kept by `key`."""
    source, destination, next_header = addresses(data, ip_offset, version)
    sport, dport = data[offset] << 8 | data[offset + 1], data[offset + 2] << 8 | data[offset + 3]
    prefix = _udpaddresses(p, source, destination, next_header, version, sport, dport)
    if len(p.udp_prefixes) > 65536:
        p.udp_prefixes.clear()
    p.udp_prefixes[key] = prefix
    return prefix


def _print_short_udp(p, data, offset, length, version, ip_offset):
    """A UDP header cut short or shorter than 8 bytes."""
    out = p.out
    source, destination, next_header = addresses(data, ip_offset, version)
    if p.end - offset < 4:
        out.append(_udpaddresses(p, source, destination, next_header, version, None, None))
        raise Cut()
    sport = data[offset] << 8 | data[offset + 1]
    dport = data[offset + 2] << 8 | data[offset + 3]
    out.append(_udpaddresses(p, source, destination, next_header, version, sport, dport))
    if length < 8:
        out.append("truncated-udp %u" % length)
        return
    if p.end - offset < 6:
        raise Truncated()
    field_length = data[offset + 4] << 8 | data[offset + 5]
    if field_length < 8:
        out.append("truncated-udplength %u" % field_length)
        return
    raise Cut()


def _udpaddresses(p, source, destination, next_header, version, sport, dport):
    """udpipaddr_print: addresses and ports, or only ports after extension headers."""
    names = p.names
    host = names.ipv6 if version == 6 else names.ipv4
    if next_header == 17:
        if sport is None:
            return "%s > %s: " % (host(source), host(destination))
        return "%s.%s > %s.%s: " % (host(source), names.udp_port(sport), host(destination),
                                    names.udp_port(dport))
    if sport is not None:
        return "%s > %s: " % (names.udp_port(sport), names.udp_port(dport))
    return ""


def _udp_checksum(p, data, offset, length, version, ip_offset):
    """UDP checksums: tcpdump checks IPv4 ones from -vv, IPv6 ones from -v."""
    if version == 4 and p.verbose < 2:
        return
    field = data[offset + 6] << 8 | data[offset + 7]
    if version == 4 and field == 0:
        p.out.append("[no cksum] ")
        return
    if offset + 8 + length > p.end:
        return
    size = length + 8
    computed = checksum.checksum(data[offset:offset + size],
                                 pseudo_sum(data, ip_offset, version, 17, size, p.end))
    if computed:
        p.out.append("[bad udp cksum 0x%04x -> 0x%04x!] " % (field, should_be(field, computed)))
    else:
        p.out.append("[udp sum ok] ")


def print_bootp(p, data, start, length):
    """bootp_print's summary: the operation, the client's hardware address in
    a request, the length (the fields and options of -v are not described)."""
    p.protocol = "bootp"
    if start + 3 > p.end:
        raise Truncated()
    operation, hardware, address_length = data[start:start + 3]
    p.out.append("BOOTP/DHCP, %s" % BOOTP_OPERATIONS.get(operation,
                                                        "unknown (0x%02x)" % operation))
    if hardware == 1 and address_length == 6 and operation == 1:
        if start + 34 > p.end:
            raise Truncated()
        p.out.append(" from %s" % p.names.mac(data[start + 28:start + 34]))
    p.out.append(", length %u" % length)
