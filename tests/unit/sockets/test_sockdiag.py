"""sock_diag's reader on netlink messages built here, byte for byte as the kernel
lays them out: runs of one length, mixed lengths, the closing DONE, errors."""

import errno
import struct

import pytest
from hypothesis import given, strategies as st

from pynettools.errors import SocketCallError
from pynettools.sockets import sockdiag

HEADER = struct.Struct("=IHHII")
BODY = struct.Struct("=BBBBHH16s16sI8sIIIII")  # inet_diag_msg, ports in network order


def message(sock, attributes=0, kind=20):
    """One inet_diag_msg answer for `sock` (a dict of the Batch's columns),
    followed by `attributes` bytes of attributes."""
    body = BODY.pack(sock["family"], sock["state"], sock["timer"], sock["retransmits"],
                     *(struct.unpack("=H", struct.pack(">H", sock[name]))[0]
                       for name in ("local_port", "remote_port")),
                     sock["local_address"], sock["remote_address"], 0, bytes(8),
                     sock["expires_ms"], sock["recv_queue"], sock["send_queue"], sock["uid"],
                     sock["inode"]) + bytes(attributes)
    return HEADER.pack(HEADER.size + len(body), kind, 2, 1, 0) + body


DONE = HEADER.pack(20, 3, 2, 1, 0) + bytes(4)


def error(number):
    return HEADER.pack(36, 2, 0, 1, 0) + struct.pack("=i", -number) + bytes(16)


sockets = st.fixed_dictionaries({
    "family": st.sampled_from([sockdiag.INET, sockdiag.INET6]),
    "state": st.integers(0, 255), "timer": st.integers(0, 4),
    "retransmits": st.integers(0, 255), "local_port": st.integers(0, 65535),
    "remote_port": st.integers(0, 65535), "local_address": st.binary(min_size=16, max_size=16),
    "remote_address": st.binary(min_size=16, max_size=16),
    "expires_ms": st.integers(0, 2**32 - 1), "recv_queue": st.integers(0, 2**32 - 1),
    "send_queue": st.integers(0, 2**32 - 1), "uid": st.integers(0, 2**32 - 1),
    "inode": st.integers(0, 2**32 - 1)})


def columns(batches):
    """{column: values} over a list of Batches."""
    return {name: [value for batch in batches for value in getattr(batch, name)]
            for name in sockdiag.Batch.__slots__ if name != "size"}


def decoded(reads):
    formats, batches, ended = {}, [], False
    for data in reads:
        fields, ended = sockdiag._fields(data, 20, formats)
        if fields:
            batches.append(sockdiag.Batch(fields))
    return columns(batches), ended


@given(st.lists(st.tuples(sockets, st.sampled_from([0, 8, 12, 36])), max_size=40),
       st.booleans())
def test_every_socket_is_read_whatever_the_mix_of_lengths(answers, with_done):
    data = b"".join(message(sock, attributes) for sock, attributes in answers)
    found, ended = decoded([data + (DONE if with_done else b"")])
    expected = {name: [sock[name] for sock, _ in answers] for name in found}
    assert (found, ended) == (expected, with_done)


def test_a_run_of_one_length_and_the_done_in_a_read_of_its_own():
    sock = {"family": 2, "state": 10, "timer": 0, "retransmits": 0, "local_port": 22,
            "remote_port": 0, "local_address": bytes([127, 0, 0, 1]) + bytes(12),
            "remote_address": bytes(16), "expires_ms": 0, "recv_queue": 0, "send_queue": 128,
            "uid": 0, "inode": 1234}
    found, ended = decoded([message(sock, 36) * 300, DONE])
    assert ended and found["inode"] == [1234] * 300 and found["local_port"] == [22] * 300
    assert sockdiag.address_text(found["local_address"][0], sockdiag.INET) == "127.0.0.1"


def test_the_kernels_errors_and_broken_messages_are_socket_call_errors():
    with pytest.raises(SocketCallError) as raised:
        decoded([error(errno.ENOENT)])
    assert (raised.value.call, raised.value.errno) == ("sock_diag", errno.ENOENT)
    with pytest.raises(SocketCallError) as raised:
        decoded([HEADER.pack(4, 20, 0, 1, 0)])
    assert raised.value.errno == errno.EBADMSG


def test_batches_keep_what_is_asked_for():
    sock = {"family": 2, "state": 1, "timer": 0, "retransmits": 0, "local_port": 1,
            "remote_port": 2, "local_address": bytes(16), "remote_address": bytes(16),
            "expires_ms": 0, "recv_queue": 0, "send_queue": 0, "uid": 0, "inode": 0}
    six = dict(sock, family=10, inode=6)
    batch = sockdiag.Batch(sockdiag._fields(message(sock) + message(six), 20, {})[0])
    assert batch.of_family(sockdiag.INET6).inode == (6,)
    assert batch.of_family(sockdiag.INET).size == 1
    assert batch.where([False, True]).family == (10,)


def test_both_families_in_one_dump_is_for_tcp_only():
    with pytest.raises(ValueError):
        list(sockdiag.batches(sockdiag.ANY, sockdiag.UDP))


def test_v6_only_sockets_are_told_by_their_attribute():
    """Against this kernel: a listener and an unconnected UDP socket of each kind."""
    import os
    import socket

    if not socket.has_ipv6:
        pytest.skip("no IPv6 here")
    made, expected = [], {sockdiag.TCP: set(), sockdiag.UDP: set()}
    try:
        for protocol, kind in ((sockdiag.TCP, socket.SOCK_STREAM),
                               (sockdiag.UDP, socket.SOCK_DGRAM)):
            for only in (1, 0):
                sock = socket.socket(socket.AF_INET6, kind)
                made.append(sock)
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, only)
                # loopback either way: the kernel marks any socket bound to a
                # specific IPv6 address v6-only, one bound to a v4-mapped one not
                sock.bind(("::1" if only else "::ffff:127.0.0.1", 0))
                if kind == socket.SOCK_STREAM:
                    sock.listen()
                if only:
                    expected[protocol].add(os.fstat(sock.fileno()).st_ino)
        inodes = {os.fstat(sock.fileno()).st_ino for sock in made}
        for protocol, wanted in expected.items():
            assert sockdiag.v6_only_inodes(protocol) & inodes == wanted
    finally:
        for sock in made:
            sock.close()


def test_attributes_are_found_by_type_and_a_bad_length_ends_the_walk():
    attributes = struct.pack("=HH", 5, 8) + b"x" + bytes(3) + struct.pack("=HH", 5, 11) + b"\1"
    assert sockdiag._attribute(attributes, 0, len(attributes), 11) == b"\1"
    assert sockdiag._attribute(attributes, 0, len(attributes), 12) is None
    assert sockdiag._attribute(struct.pack("=HH", 0, 11), 0, 4, 11) is None
