"""A small packet builder for the filter tests: frames with every header the
pcap-filter(7) primitives look at, built field by field (checksums are not
needed by filters and are left 0).

Addresses are from the documentation ranges; Ethernet addresses are local.
"""

import ipaddress
import struct

MAC_A, MAC_B, MAC_C = "02:00:00:00:00:0a", "02:00:00:00:00:0b", "00:11:22:33:44:55"
BROADCAST, MULTICAST = "ff:ff:ff:ff:ff:ff", "01:00:5e:00:00:01"
V4_A, V4_B, V4_C, V4_D = "192.0.2.1", "192.0.2.2", "198.51.100.7", "203.0.113.9"
V6_A, V6_B, V6_C = "2001:db8::1", "2001:db8::2", "2001:db8:1::7"
ETH_IP, ETH_ARP, ETH_RARP, ETH_IPV6 = 0x0800, 0x0806, 0x8035, 0x86DD
TCP, UDP, ICMP, ICMP6, SCTP, IGMP, FRAGMENT = 6, 17, 1, 58, 132, 2, 44
FIN, SYN, RST, PSH, ACK, URG = 0x01, 0x02, 0x04, 0x08, 0x10, 0x20


def mac(text):
    return bytes(int(part, 16) for part in text.split(":"))


def ip4(text):
    return ipaddress.IPv4Address(text).packed


def ip6(text):
    return ipaddress.IPv6Address(text).packed


def ether(payload, ethertype=ETH_IP, dst=MAC_B, src=MAC_A):
    return mac(dst) + mac(src) + struct.pack("!H", ethertype) + payload


def tagged(payload, tags, ethertype=ETH_IP, dst=MAC_B, src=MAC_A):
    """An Ethernet frame with VLAN tags [(tpid, vid), ...], outermost first."""
    body = struct.pack("!H", ethertype) + payload
    for tpid, vid in reversed(tags):
        body = struct.pack("!HH", tpid, vid) + body
    return mac(dst) + mac(src) + body


def ieee8023(payload, dst=MAC_B, src=MAC_A):
    return mac(dst) + mac(src) + struct.pack("!H", len(payload)) + payload


def llc(dsap, ssap, control, payload=b""):
    return bytes([dsap, ssap, control]) + payload


def snap(orgcode, ptype, payload=b""):
    return llc(0xAA, 0xAA, 0x03, orgcode.to_bytes(3, "big") + struct.pack("!H", ptype) + payload)


def ipv4(payload, proto=TCP, src=V4_A, dst=V4_B, ttl=64, ident=1, fragment=0, more=False,
         dont=False, options=b"", tos=0):
    """`fragment` is the offset in 8-byte units."""
    header_length = 20 + len(options)
    flags = (0x4000 if dont else 0) | (0x2000 if more else 0) | fragment
    header = struct.pack("!BBHHHBBH4s4s", 0x40 | header_length // 4, tos,
                         header_length + len(payload), ident, flags, ttl, proto, 0,
                         ip4(src), ip4(dst))
    return header + options + payload


def ipv6(payload, nxt=TCP, src=V6_A, dst=V6_B, hlim=64, flow=0):
    return struct.pack("!IHBB16s16s", 0x60000000 | flow, len(payload), nxt, hlim,
                       ip6(src), ip6(dst)) + payload


def ipv6_option_header(nxt, payload, length=0):
    """A hop-by-hop, routing or destination options header of (length+1)*8 bytes."""
    return bytes([nxt, length]) + b"\x01" + bytes([length * 8 + 3]) + \
        b"\0" * (length * 8 + 3) + payload


def ipv6_fragment(nxt, payload, offset=0, more=False, ident=7):
    return struct.pack("!BBHI", nxt, 0, (offset << 3) | int(more), ident) + payload


def tcp(sport=40000, dport=80, flags=SYN, payload=b"", seq=1, ack=0, options=b""):
    offset = (20 + len(options)) // 4
    return struct.pack("!HHIIBBHHH", sport, dport, seq, ack, offset << 4, flags, 65535, 0, 0) + \
        options + payload


def udp(sport=40000, dport=53, payload=b""):
    return struct.pack("!HHHH", sport, dport, 8 + len(payload), 0) + payload


def sctp(sport=40000, dport=9):
    return struct.pack("!HHII", sport, dport, 1, 0)


def icmp(kind=8, code=0, rest=b"\0\1\0\1"):
    return bytes([kind, code]) + b"\0\0" + rest


def arp(op=1, sender=V4_A, target=V4_B, sha=MAC_A, tha="00:00:00:00:00:00"):
    return struct.pack("!HHBBH", 1, ETH_IP, 6, 4, op) + mac(sha) + ip4(sender) + mac(tha) + \
        ip4(target)


def mpls(payload, label, bottom=True, ttl=64):
    return struct.pack("!I", (label << 12) | (int(bottom) << 8) | ttl) + payload


def pppoe_session(payload, session=0x27, ppp_protocol=0x0021):
    body = struct.pack("!H", ppp_protocol) + payload
    return struct.pack("!BBHH", 0x11, 0, session, len(body)) + body


def pppoe_discovery(code=0x09, session=0):
    return struct.pack("!BBHH", 0x11, code, session, 0)


def sll(payload, protocol, pkttype=0, address=MAC_A, hatype=1):
    """A Linux cooked v1 header (16 bytes) and what follows it."""
    return struct.pack("!HHH8sH", pkttype, hatype, 6, mac(address), protocol) + payload


def sll2(payload, protocol, pkttype=0, ifindex=2, address=MAC_A, hatype=1):
    """A Linux cooked v2 header (20 bytes) and what follows it."""
    return struct.pack("!HHIHBB8s", protocol, 0, ifindex, hatype, pkttype, 6, mac(address)) + \
        payload
