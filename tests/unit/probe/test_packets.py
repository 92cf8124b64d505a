"""Parsing what the network sends: never an exception, never a wrong match."""

import socket
import struct

from hypothesis import given, settings, strategies as st

from pynettools.probe import errqueue, packets
from pynettools.probe.family import IPV4, IPV6
from tests.lab import icmpforge

TARGET = "203.0.113.2"


def udp_probe(payload=b"@" * 32):
    udp = struct.pack("!HHHH", 40000, 33434, 8 + len(payload), 0) + payload
    return icmpforge.ip_packet("192.0.2.1", TARGET, udp, socket.IPPROTO_UDP)


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([4, 6]), st.binary(max_size=300))
def test_any_bytes_parse_to_a_message_or_none(version, data):
    message = packets.parse_icmp(version, data)
    assert message is None or isinstance(message, packets.IcmpMessage)
    packets.parse_tcp(data)
    packets.ipv4_header(data)
    assert isinstance(packets.parse_mpls(data), list)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_error_queue_payloads_never_raise(payload):
    for family in (IPV4, IPV6):
        labels = errqueue._mpls(family, payload)
        assert labels is None or all(len(label) == 4 for label in labels)


@settings(max_examples=200, deadline=None)
@given(st.integers(0, 127), st.binary(min_size=0, max_size=40))
def test_truncated_quotes_are_not_messages(cut, junk):
    message = icmpforge.time_exceeded(udp_probe())
    assert packets.parse_icmp(4, message[:min(cut, 8 + 27)]) is None
    assert packets.parse_icmp(4, struct.pack("!BBHI", 11, 0, 0, 0) + junk[:27]) is None


def test_time_exceeded_with_mpls_is_read_whole():
    message = packets.parse_icmp(4, icmpforge.time_exceeded(udp_probe()))
    assert (message.type, message.code, message.quoted.destination) == (11, 0, TARGET)
    assert message.quoted.protocol == socket.IPPROTO_UDP
    assert packets.parse_mpls(message.extensions) == [(icmpforge.LABEL, 0, 1, 1)]


def test_fragmentation_needed_carries_the_mtu():
    message = struct.pack("!BBHHH", 3, 4, 0, 0, 1400) + udp_probe()[:28]
    assert packets.parse_icmp(4, message).mtu == 1400


@given(st.integers(0, 0xFFFF), st.integers(0, 0xFFFF), st.integers(0, 0xFFFFFFFF))
def test_syn_checksum_verifies(source_port, destination_port, sequence):
    segment = packets.tcp_syn(socket.AF_INET, "192.0.2.1", TARGET, source_port,
                              destination_port, sequence)
    pseudo = socket.inet_aton("192.0.2.1") + socket.inet_aton(TARGET) + struct.pack("!HH", 6, 40)
    assert len(segment) == 40 and packets.checksum(pseudo + segment) == 0
    parsed = packets.parse_tcp(segment)
    assert (parsed.source_port, parsed.destination_port, parsed.sequence, parsed.flags) == (
        source_port, destination_port, sequence, packets.SYN)


def test_extended_error_from_the_kernel_is_decoded():
    offender = struct.pack("=HH4s8x", socket.AF_INET, 0, socket.inet_aton("192.0.2.10"))
    error = struct.pack("=IBBBBII", 113, 2, 3, 1, 0, 0, 0) + offender
    controls = [(socket.IPPROTO_IP, 11, error), (socket.IPPROTO_IP, socket.IP_TTL,
                                                 struct.pack("=i", 62))]
    reply = errqueue.parse_error(IPV4, b"", controls, 1.5)
    assert (reply.address, reply.annotation, reply.final, reply.ttl) == ("192.0.2.10", "!H",
                                                                       True, 62)
    assert errqueue.parse_error(IPV4, b"", controls[:1] + [(0, 0, b"")], 1.5).received_at == 1.5
    assert errqueue.parse_error(IPV4, b"", [(socket.IPPROTO_IP, 11, error[:10])], 0) is None
