"""Packet owners' matching rules, on hand-made socket tables and packets (no root)."""

import socket
import struct

import pytest

from pynettools.capture import linktypes, owners
from pynettools.capture.packet import Packet
from pynettools.sockets.records import SocketOwner

TCP, UDP = owners.TCP, owners.UDP
CLIENT, SERVER, RESOLVER, OTHER = (SocketOwner(100, "client"), SocketOwner(200, "server"),
                                   SocketOwner(300, "resolver"), SocketOwner(400, "other"))


def v4(text):
    return owners.MAPPED + socket.inet_aton(text)


def v6(text):
    return socket.inet_pton(socket.AF_INET6, text)


HERE, PEER, ELSEWHERE = v4("192.0.2.1"), v4("198.51.100.2"), v4("203.0.113.9")
HERE6, PEER6 = v6("2001:db8::1"), v6("2001:db8::2")
LOOP = v4("127.0.0.1")


def table(connected=(), bound=(), owners_by_inode=None):
    """A SocketTable: connected [(protocol, local, port, remote, port, inode)],
    bound [(protocol, local, port, inode)]; this host is HERE and HERE6."""
    found = {}
    for protocol, local, port, inode in bound:
        found.setdefault((protocol, local, port), []).append(inode)
    return owners.SocketTable({entry[:5]: entry[5] for entry in connected}, found,
                              frozenset((HERE, HERE6)),
                              owners_by_inode or {1: CLIENT, 2: SERVER, 3: RESOLVER, 4: OTHER})


def flow(protocol, source, sport, destination, dport, handshake=owners.DATA):
    return owners.Flow(protocol, handshake, source, sport, destination, dport)


def test_a_connection_on_loopback_has_both_ends():
    sockets = table(connected=[(TCP, LOOP, 40000, LOOP, 80, 1), (TCP, LOOP, 80, LOOP, 40000, 2)])
    assert sockets.ends(flow(TCP, LOOP, 40000, LOOP, 80)) == (CLIENT, SERVER)
    assert sockets.ends(flow(TCP, LOOP, 80, LOOP, 40000)) == (SERVER, CLIENT)


def test_tcp_segments_need_their_exact_connection():
    sockets = table(connected=[(TCP, HERE, 40000, PEER, 80, 1)],
                    bound=[(TCP, owners.ANY4, 22, 2)])
    assert sockets.ends(flow(TCP, HERE, 40000, PEER, 80)) == (CLIENT, None)
    assert sockets.ends(flow(TCP, PEER, 80, HERE, 40000)) == (None, CLIENT)
    # another port of the same peer, and a segment to the listener's port that
    # is not a SYN (a closed connection's leftovers): no owner, not the listener
    assert sockets.ends(flow(TCP, HERE, 40001, PEER, 80)) == owners.NO_ENDS
    assert sockets.ends(flow(TCP, PEER, 5555, HERE, 22)) == owners.NO_ENDS


def test_the_listener_owns_its_handshake_only():
    sockets = table(bound=[(TCP, owners.ANY4, 22, 2)])
    assert sockets.ends(flow(TCP, PEER, 5555, HERE, 22, owners.SYN)) == (None, SERVER)
    assert sockets.ends(flow(TCP, HERE, 22, PEER, 5555, owners.SYN_ACK)) == (SERVER, None)
    # a SYN-ACK comes from the listener's side, never to it
    assert sockets.ends(flow(TCP, PEER, 5555, HERE, 22, owners.SYN_ACK)) == owners.NO_ENDS


def test_a_connection_no_process_holds_does_not_fall_back_to_the_listener():
    # accepted by the kernel, not yet by the program (or TIME_WAIT): no inode, no entry
    sockets = table(bound=[(TCP, owners.ANY4, 22, 2)])
    assert sockets.ends(flow(TCP, PEER, 5555, HERE, 22)) == owners.NO_ENDS
    assert sockets.ends(flow(TCP, PEER, 5555, HERE, 22, owners.SYN)) == (None, SERVER)


def test_udp_prefers_connected_then_specific_then_wildcard():
    sockets = table(connected=[(UDP, HERE, 53, PEER, 9999, 1)],
                    bound=[(UDP, HERE, 53, 2), (UDP, owners.ANY4, 53, 3)])
    assert sockets.ends(flow(UDP, PEER, 9999, HERE, 53)) == (None, CLIENT)
    assert sockets.ends(flow(UDP, PEER, 9998, HERE, 53)) == (None, SERVER)
    loop_only = table(bound=[(UDP, owners.ANY4, 53, 3)])
    assert loop_only.ends(flow(UDP, LOOP, 9998, LOOP, 53)) == (None, RESOLVER)


def test_a_wildcard_socket_is_only_at_this_hosts_addresses():
    sockets = table(bound=[(UDP, owners.ANY4, 5353, 3)])
    # from the peer's port 5353: the peer's socket, not ours
    assert sockets.ends(flow(UDP, PEER, 5353, HERE, 5353)) == (None, RESOLVER)
    assert sockets.ends(flow(UDP, PEER, 5353, ELSEWHERE, 5353)) == owners.NO_ENDS
    assert sockets.ends(flow(UDP, HERE, 5353, PEER, 5353)) == (RESOLVER, None)


def test_ipv6_wildcard_takes_ipv4_when_no_ipv4_socket_does():
    dual = table(bound=[(UDP, owners.ANY6, 4000, 2)])
    assert dual.ends(flow(UDP, PEER, 1, HERE, 4000)) == (None, SERVER)
    both = table(bound=[(UDP, owners.ANY6, 4000, 2), (UDP, owners.ANY4, 4000, 3)])
    assert both.ends(flow(UDP, PEER, 1, HERE, 4000)) == (None, RESOLVER)
    assert both.ends(flow(UDP, PEER6, 1, HERE6, 4000)) == (None, SERVER)


def test_ipv6_only_wildcard_takes_no_ipv4():
    sockets = table(bound=[(UDP, owners.ANY6, 4000, 2), (TCP, owners.ANY6, 80, 2)])
    sockets.v6_only = frozenset((2,))
    assert sockets.ends(flow(UDP, PEER, 1, HERE, 4000)) == owners.NO_ENDS
    assert sockets.ends(flow(TCP, PEER, 1, HERE, 80, owners.SYN)) == owners.NO_ENDS
    assert sockets.ends(flow(UDP, PEER6, 1, HERE6, 4000)) == (None, SERVER)


def test_v4_mapped_peer_of_an_ipv6_socket():
    # sock_diag shows an IPv6 socket's IPv4 peer as ::ffff:a.b.c.d, as flows key it
    sockets = table(connected=[(TCP, HERE, 8080, PEER, 40000, 2)])
    assert sockets.ends(flow(TCP, PEER, 40000, HERE, 8080)) == (None, SERVER)
    assert owners.address16(socket.inet_aton("192.0.2.1") + bytes(12), owners.sockdiag.INET) \
        == HERE


def test_reused_port_of_several_processes_has_no_owner():
    shared = table(bound=[(UDP, owners.ANY4, 6000, 3), (UDP, owners.ANY4, 6000, 4)])
    assert shared.ends(flow(UDP, PEER, 1, HERE, 6000)) == owners.NO_ENDS
    one = table(bound=[(UDP, owners.ANY4, 6000, 3), (UDP, owners.ANY4, 6000, 5)],
                owners_by_inode={3: RESOLVER, 5: RESOLVER})
    assert one.ends(flow(UDP, PEER, 1, HERE, 6000)) == (None, RESOLVER)


def test_a_socket_the_scan_did_not_find_has_no_owner():
    sockets = table(connected=[(TCP, HERE, 1, PEER, 2, 77)])
    assert sockets.ends(flow(TCP, HERE, 1, PEER, 2)) == owners.NO_ENDS
    assert sockets.inodes(flow(TCP, HERE, 1, PEER, 2)) == [77]


def ipv4_tcp(flags, fragment=0, sport=40000, dport=80):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, 1, 0, 5 << 4, flags, 512, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40, 1, fragment, 64, 6, 0,
                     socket.inet_aton("192.0.2.1"), socket.inet_aton("198.51.100.2"))
    return ip + tcp


ETHERNET = bytes(12) + b"\x08\x00"
VLAN = bytes(12) + b"\x81\x00\x00\x05\x08\x00"


@pytest.mark.parametrize("linktype, header", [
    (linktypes.ETHERNET, ETHERNET), (linktypes.ETHERNET, VLAN), (linktypes.RAW, b""),
    (linktypes.LINUX_SLL, bytes(14) + b"\x08\x00"),
    (linktypes.LINUX_SLL2, b"\x08\x00" + bytes(18))])
def test_flow_of_each_link_type(linktype, header):
    data = header + ipv4_tcp(0x02)
    found = owners.flow_of(Packet(0, len(data), data, linktype))
    assert found == flow(TCP, HERE, 40000, PEER, 80, owners.SYN)


def test_flow_of_handshakes_fragments_and_cuts():
    def of(data):
        return owners.flow_of(Packet(0, 60, ETHERNET + data, linktypes.ETHERNET))

    assert of(ipv4_tcp(0x12)).handshake == owners.SYN_ACK
    assert of(ipv4_tcp(0x10)).handshake == owners.DATA
    assert of(ipv4_tcp(0x10, fragment=0x2000)) is not None  # MF set, first fragment
    assert of(ipv4_tcp(0x10, fragment=0x0003)) is None      # a later fragment: no ports
    assert of(ipv4_tcp(0x10)[:33]) is None                  # flags not captured
    assert owners.flow_of(Packet(0, 42, bytes(12) + b"\x08\x06" + bytes(28),
                                 linktypes.ETHERNET)) is None


def test_flow_of_ipv6_udp_after_an_extension_header():
    udp = struct.pack("!HHHH", 5353, 53, 8, 0)
    hop_by_hop = bytes([17, 0]) + bytes(6)
    ip = struct.pack("!IHBB16s16s", 6 << 28, len(hop_by_hop + udp), 0, 64, HERE6, PEER6)
    data = ip + hop_by_hop + udp
    assert owners.flow_of(Packet(0, len(data), data, linktypes.RAW)) == \
        flow(UDP, HERE6, 5353, PEER6, 53)


def test_flow_records_round_trip():
    original = flow(UDP, HERE6, 5353, PEER, 53)
    assert owners.flow_from_bytes(owners.flow_bytes(original)) == original
    assert len(owners.flow_bytes(original)) == owners.FLOW_SIZE
