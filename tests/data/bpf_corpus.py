"""The crafted packets the filter tests select from, per link type.

`packets(linktype)` gives Packet records whose timestamps are their index
(in seconds, from 1000), so a packet tcpdump writes back with -w is known by
its time.  The same network-layer payloads go into every link type; the
Ethernet corpus adds what only Ethernet has (VLAN tags, 802.3/LLC frames,
MPLS, PPPoE), the cooked ones vary the packet type and interface.
"""

from pynettools.capture import linktypes
from pynettools.capture.packet import Packet
from tests.data import bpf_frames as f

NULL, LOOP = 0, 108


def _tcp_variants():
    yield f.ipv4(f.tcp(40000, 80, f.SYN))
    yield f.ipv4(f.tcp(80, 40000, f.SYN | f.ACK), src=f.V4_B, dst=f.V4_A)
    yield f.ipv4(f.tcp(40001, 22, f.PSH | f.ACK, b"data"), dst=f.V4_C)
    yield f.ipv4(f.tcp(443, 51000, f.FIN | f.ACK), src=f.V4_D, dst=f.V4_A)
    yield f.ipv4(f.tcp(1023, 1024, f.RST | f.ACK), src=f.V4_C, dst=f.V4_D)
    yield f.ipv4(f.tcp(8080, 1500, f.URG | 0x40 | 0x80))
    yield f.ipv4(f.tcp(5000, 80, f.ACK), options=b"\x01\x01\x01\x00")
    yield f.ipv4(f.tcp(6000, 7000, f.SYN), options=b"\x94\x04\x00\x00\x01\x01\x01\x00")


def _ipv4_variants():
    yield from _tcp_variants()
    yield f.ipv4(f.udp(40000, 53, b"\x12\x34"), proto=f.UDP, dst=f.V4_C)
    yield f.ipv4(f.udp(53, 40000, b"\x12\x34\x81\x80"), proto=f.UDP, src=f.V4_C)
    yield f.ipv4(f.udp(5353, 5353), proto=f.UDP, dst="224.0.0.251")
    yield f.ipv4(f.udp(1500, 2000), proto=f.UDP, dst="192.0.2.255")
    yield f.ipv4(f.udp(68, 67), proto=f.UDP, src="0.0.0.0", dst="255.255.255.255")
    yield f.ipv4(f.icmp(8, 0), proto=f.ICMP)
    yield f.ipv4(f.icmp(0, 0), proto=f.ICMP, src=f.V4_B, dst=f.V4_A)
    yield f.ipv4(f.icmp(3, 3, b"\0" * 4 + f.ipv4(f.udp(40000, 33434), proto=f.UDP)[:28]),
                 proto=f.ICMP, src=f.V4_D)
    yield f.ipv4(f.icmp(11, 0, b"\0" * 4), proto=f.ICMP, src=f.V4_C, ttl=1)
    yield f.ipv4(f.sctp(40000, 9), proto=f.SCTP)
    yield f.ipv4(b"\x11\x64\xee\x9b\0\0\0\0", proto=f.IGMP, dst="224.0.0.1", ttl=1)
    yield f.ipv4(b"\0" * 8, proto=103, dst="224.0.0.13")
    yield f.ipv4(b"\0" * 8, proto=112, dst="224.0.0.18")
    yield f.ipv4(b"\0" * 12, proto=50)
    yield f.ipv4(f.udp(40000, 53, b"\x55" * 16), proto=f.UDP, ident=9, more=True)
    yield f.ipv4(b"\x00\x50\x00\x35" + b"\x66" * 12, proto=f.UDP, ident=9, fragment=3)
    yield f.ipv4(b"\x00\x50\x00\x50" + b"\0" * 16, proto=f.TCP, ident=10, fragment=185)
    yield f.ipv4(f.tcp(40000, 80), tos=0x10, dont=True, options=b"\x07\x07\x04" + b"\0" * 5)
    yield f.ipv4(f.ipv6(f.tcp(1, 80)), proto=41, dst=f.V4_D)
    yield f.ipv4(f.tcp(20, 21, f.ACK, b"x" * 120), src=f.V4_A, dst=f.V4_A)
    yield f.ipv4(f.udp(5, 7, b"\x12\x34\x56\x78"), proto=f.UDP, src="10.1.2.3")
    yield f.ipv4(f.icmp(8, 0), proto=f.ICMP, src="127.0.0.1", dst="127.0.0.1")
    yield f.ipv4(f.tcp(40002, 80, f.PSH | f.ACK, b"GET / HTTP/1.0\r\n\r\n"), dst="127.0.0.0")
    yield f.ipv4(b"\0" * 8, proto=9, dst="224.0.0.10")
    yield f.ipv4(b"\0" * 12, proto=51)
    yield f.ipv4(f.icmp(128, 0), proto=58)


def _ipv6_variants():
    yield f.ipv6(f.tcp(40000, 80))
    yield f.ipv6(f.tcp(80, 40000, f.SYN | f.ACK), src=f.V6_B, dst=f.V6_A)
    yield f.ipv6(f.udp(40000, 53), nxt=f.UDP, dst=f.V6_C)
    yield f.ipv6(f.icmp(128, 0), nxt=f.ICMP6)
    yield f.ipv6(f.icmp(129, 0), nxt=f.ICMP6, src=f.V6_B, dst=f.V6_A)
    yield f.ipv6(f.icmp(135, 0, b"\0" * 4 + f.ip6(f.V6_B)), nxt=f.ICMP6,
                 dst="ff02::1:ff00:2", hlim=255)
    yield f.ipv6(f.icmp(134, 0, b"\0" * 12), nxt=f.ICMP6, src="fe80::1", dst="ff02::1")
    yield f.ipv6(f.ipv6_option_header(f.ICMP6, f.icmp(143, 0, b"\0" * 24)), nxt=0,
                 src="fe80::2", dst="ff02::16", hlim=1)
    yield f.ipv6(f.ipv6_fragment(f.UDP, f.udp(40000, 53, b"\x77" * 8), more=True), nxt=f.FRAGMENT)
    yield f.ipv6(f.ipv6_fragment(f.TCP, b"\x00\x50\x00\x50" + b"\0" * 8, offset=100),
                 nxt=f.FRAGMENT)
    yield f.ipv6(f.ipv6_option_header(f.TCP, f.tcp(40000, 80), length=1), nxt=60)
    yield f.ipv6(f.sctp(9, 40000), nxt=f.SCTP, dst=f.V6_C)
    yield f.ipv6(b"", nxt=59, src="::1", dst="::1")
    yield f.ipv6(f.icmp(128, 0), nxt=f.ICMP6, src="::ffff:192.0.2.1", dst=f.V6_C)


def network_payloads():
    """(ethertype, packet) pairs every link type carries."""
    for packet in _ipv4_variants():
        yield f.ETH_IP, packet
    for packet in _ipv6_variants():
        yield f.ETH_IPV6, packet
    yield f.ETH_ARP, f.arp(1)
    yield f.ETH_ARP, f.arp(2, sender=f.V4_B, target=f.V4_A, sha=f.MAC_B, tha=f.MAC_A)
    yield f.ETH_ARP, f.arp(1, sender=f.V4_C, target=f.V4_C)
    yield f.ETH_RARP, f.arp(3, sender="0.0.0.0", target="0.0.0.0")
    yield f.ETH_RARP, f.arp(4, sender=f.V4_D, target=f.V4_A, sha=f.MAC_C)
    yield f.ETH_RARP, f.arp(4, sender="198.51.100.7", target=f.V4_C)


def _ethernet_only():
    tcp4 = f.ipv4(f.tcp(40000, 80))
    yield f.tagged(tcp4, [(0x8100, 10)])
    yield f.tagged(f.ipv6(f.udp(5, 53), nxt=f.UDP), [(0x8100, 20)], f.ETH_IPV6)
    yield f.tagged(f.arp(1), [(0x8100, 4095)], f.ETH_ARP)
    yield f.tagged(tcp4, [(0x88A8, 100), (0x8100, 200)])
    yield f.tagged(f.ipv4(f.icmp(), proto=f.ICMP), [(0x9100, 300), (0x8100, 20)])
    yield f.tagged(f.ipv4(f.udp(1, 2), proto=f.UDP), [(0x8100, 0x2000 | 10)])
    yield f.ether(f.mpls(tcp4, 100), 0x8847)
    yield f.ether(f.mpls(f.mpls(f.ipv4(f.udp(1, 53), proto=f.UDP), 1024), 100000, bottom=False),
                  0x8847)
    yield f.ether(f.mpls(f.ipv6(f.tcp(1, 80)), 16), 0x8847)
    yield f.ether(f.pppoe_discovery(), 0x8863, dst=f.BROADCAST)
    yield f.ether(f.pppoe_session(tcp4), 0x8864)
    yield f.ether(f.pppoe_session(f.ipv6(f.tcp(2, 80)), session=1, ppp_protocol=0x0057), 0x8864)
    yield f.ieee8023(f.llc(0x42, 0x42, 0x03, b"\0" * 35), dst="01:80:c2:00:00:00")
    yield f.ieee8023(b"\xff\xff" + b"\0" * 28)
    yield f.ieee8023(f.llc(0xE0, 0xE0, 0x03, b"\xff\xff" + b"\0" * 28))
    yield f.ieee8023(f.snap(0, 0x8137, b"\xff\xff" + b"\0" * 28))
    yield f.ieee8023(f.snap(0x080007, 0x809B, b"\0" * 20))
    yield f.ieee8023(f.snap(0, 0x80F3, b"\0" * 28))
    yield f.ieee8023(f.llc(0xF0, 0xF0, 0x03, b"\0" * 20))
    yield f.ieee8023(f.llc(0xFE, 0xFE, 0x03, b"\x83\x1b\x01\x00\x0f" + b"\0" * 20))
    yield f.ieee8023(f.llc(0xFE, 0xFE, 0x03, b"\x81\x1b\x01\x00\x1c" + b"\0" * 20))
    for pdu_type in (0x10, 0x12, 0x14, 0x18, 0x1A):
        yield f.ieee8023(f.llc(0xFE, 0xFE, 0x03, b"\x83\x1b\x01\x00" + bytes([pdu_type]) +
                               b"\0" * 20))
    yield f.ieee8023(f.llc(0xFE, 0xFE, 0x03, b"\x82\x1b\x01\x00\x02" + b"\0" * 20))
    yield f.ieee8023(f.llc(0x06, 0x06, 0x00, b"\0" * 20))
    yield f.ieee8023(f.llc(0xAA, 0xAA, 0x01, b"\0" * 20))
    yield f.ieee8023(f.llc(0x42, 0x42, 0xE3, b"\0" * 20))
    yield f.ether(b"\0" * 46, 0x809B)
    yield f.ether(b"\0" * 46, 0x80F3)
    yield f.ether(b"\0" * 46, 0x6003)
    yield f.ether(b"\0" * 46, 0x6004)
    yield f.ether(b"\0" * 46, 0x6007)
    yield f.ether(b"\0" * 46, 0x6002)
    yield f.ether(b"\0" * 46, 0x6001)
    yield f.ether(b"\0" * 46, 0x9000)
    yield f.ieee8023(f.llc(100, 100, 0x03, b"\0" * 40))
    yield f.tagged(f.ipv4(f.tcp(1, 80)), [(0x8100, 10), (0x8100, 20)])
    yield f.ether(b"\0" * 46, 0x88CC, dst="01:80:c2:00:00:0e")
    yield f.ether(tcp4, src=f.MAC_C, dst=f.MAC_A)
    yield f.ether(f.ipv4(f.udp(68, 67), proto=f.UDP, dst="255.255.255.255"), dst=f.BROADCAST)
    yield f.ether(f.ipv4(f.udp(5353, 5353), proto=f.UDP, dst="224.0.0.251"), dst=f.MULTICAST)
    yield f.ether(f.arp(1), f.ETH_ARP, dst=f.BROADCAST)


def _truncations(frames):
    """Short captures of a few frames: (data, wire length)."""
    for frame in frames:
        for keep in (10, 13, 14, 20, 34, 36, 54, 56):
            if keep < len(frame):
                yield frame[:keep], len(frame)


def _records(linktype):
    """(data, wire length) for every packet of the link type's corpus."""
    payloads = list(network_payloads())
    if linktype == linktypes.ETHERNET:
        frames = [f.ether(packet, ethertype) for ethertype, packet in payloads]
        frames += list(_ethernet_only())
        records = [(frame, len(frame)) for frame in frames]
        records += _truncations([frames[0], frames[len(frames) // 2], frames[-20]])
        return records + [(b"", 60), (b"\x02", 1), (b"\x02\x00", 2), (b"\x02" * 5, 5)]
    if linktype in (linktypes.LINUX_SLL, linktypes.LINUX_SLL2):
        wrap = f.sll if linktype == linktypes.LINUX_SLL else f.sll2
        records = []
        for index, (ethertype, packet) in enumerate(payloads):
            frame = wrap(packet, ethertype, pkttype=(0, 1, 2, 3, 4)[index % 5])
            records.append((frame, len(frame)))
        for protocol, body in ((0x0004, f.llc(0x42, 0x42, 0x03, b"\0" * 35)),
                               (0x0001, b"\xff\xff" + b"\0" * 28),
                               (0x0004, f.snap(0, 0x8137, b"\0" * 28)),
                               (0x8100, b"\x00\x0a\x08\x00" + f.ipv4(f.tcp(1, 80)))):
            records.append((wrap(body, protocol, pkttype=4), len(wrap(body, protocol))))
        if linktype == linktypes.LINUX_SLL2:
            frame = f.sll2(f.ipv4(f.tcp(1, 80)), f.ETH_IP, ifindex=7)
            records.append((frame, len(frame)))
        return records + list(_truncations([records[0][0], records[40][0]]))
    ip_packets = [packet for ethertype, packet in payloads if ethertype in (f.ETH_IP, f.ETH_IPV6)]
    if linktype == linktypes.IPV4:
        ip_packets = [packet for packet in ip_packets if packet[0] >> 4 == 4]
    elif linktype == linktypes.IPV6:
        ip_packets = [packet for packet in ip_packets if packet[0] >> 4 == 6]
    if linktype in (NULL, LOOP):
        order = "little" if linktype == NULL else "big"
        families = [2 if packet[0] >> 4 == 4 else (24, 28, 30, 10)[index % 4]
                    for index, packet in enumerate(ip_packets)]
        return [(family.to_bytes(4, order) + packet, len(packet) + 4)
                for family, packet in zip(families, ip_packets)]
    records = [(packet, len(packet)) for packet in ip_packets]
    records += [(b"\x50" + b"\0" * 30, 31), (b"\x45", 1)] if linktype == linktypes.RAW else []
    return records + list(_truncations([ip_packets[0], ip_packets[-3]]))


LINKTYPES = (linktypes.ETHERNET, linktypes.LINUX_SLL, linktypes.LINUX_SLL2, linktypes.RAW,
             linktypes.IPV4, linktypes.IPV6, NULL, LOOP)
FILE_NAMES = {linktypes.ETHERNET: "bpf-ether", linktypes.LINUX_SLL: "bpf-sll",
              linktypes.LINUX_SLL2: "bpf-sll2", linktypes.RAW: "bpf-raw",
              linktypes.IPV4: "bpf-ipv4", linktypes.IPV6: "bpf-ipv6", NULL: "bpf-null",
              LOOP: "bpf-loop"}


def packets(linktype):
    return [Packet((1000 + index) * 1_000_000_000, wire, data, linktype)
            for index, (data, wire) in enumerate(_records(linktype))]
