"""The /proc/net parsers: real kernel lines, odd ones, and generated ones."""

import socket
import sys

from hypothesis import given, settings, strategies as st

from pynettools.sockets import procnet

TCP_LINES = [
    b"   0: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0"
    b" 89704 1 00000000c5943020 100 0 0 10 0",
    b"   3: 0100007F:9C41 0100007F:8FF4 01 002AC800:00000000 04:00000012 00000000     0        0"
    b" 89711 2 00000000422a13a4 20 0 0 12 -1",
    b"   8: 0100007F:9006 0100007F:9C41 06 00000000:00000000 03:0000176A 00000000     0        0"
    b" 0 3 000000004b644bbd",
]
TCP6_LINE = (b"   0: 00000000000000000000000001000000:9C45 00000000000000000000000001000000:B10C 01"
             b" 00000000:00000004 02:0AFC2F1E 00000000  1000        0 89715 2 0000 20 4 30 10 -1")
UNIX_LINES = [
    b"0000000058fd8ec6: 00000002 00000000 00010000 0001 01 89725 /tmp/x/stream",
    b"00000000409abd46: 00000002 00000000 00010000 0001 01 89730 /tmp/x/with space",
    b"00000000024186ae: 00000003 00000000 00000000 0001 03 89726",
    b"000000005667bcaa: 00000002 00000000 00000000 0002 01 89731 @abstract",
]


def little_endian_only(test):
    import pytest

    return pytest.mark.skipif(sys.byteorder != "little", reason="lines recorded on x86")(test)


@little_endian_only
def test_tcp_lines_as_the_kernel_writes_them():
    found, bogus = procnet.internet_sockets(TCP_LINES, "tcp", "inet")
    assert bogus == 0
    listener, busy, time_wait = found
    assert (listener.local_address, listener.local_port, listener.remote_port,
            listener.state, listener.inode) == ("0.0.0.0", 22, 0, "LISTEN", 89704)
    assert (busy.local_address, busy.send_queue, busy.recv_queue, busy.timer) == (
        "127.0.0.1", 0x2AC800, 0, procnet.SocketTimer(4, 0x12, 0, 0))
    assert (time_wait.state, time_wait.inode, time_wait.timer.code) == ("TIME_WAIT", 0, 3)


@little_endian_only
def test_ipv6_words_are_in_host_byte_order():
    (sock,), _ = procnet.internet_sockets([TCP6_LINE], "tcp6", "inet6")
    assert (sock.local_address, sock.remote_port, sock.uid, sock.recv_queue) == ("::1", 0xB10C,
                                                                                1000, 4)


@little_endian_only
def test_filters_follow_netstat():
    def inodes(all_sockets, listening):
        found, _ = procnet.internet_sockets(TCP_LINES, "tcp", "inet", all_sockets, listening)
        return [sock.inode for sock in found]

    assert (inodes(True, False), inodes(False, False), inodes(False, True)) == (
        [89704, 89711, 0], [89711, 0], [89704])
    # UDP and raw look at the remote address, not the port
    assert procnet.connected("udp", "1.2.3.4", 0) and not procnet.connected("raw", "::", 0)
    assert not procnet.connected("tcp", "1.2.3.4", 0)


@settings(max_examples=1000, deadline=None)
@given(st.binary(min_size=16, max_size=16) | st.builds(
    lambda head, tail: bytes(head) + tail, st.lists(st.just(0), min_size=10, max_size=12),
    st.binary(min_size=4, max_size=6)))
def test_ipv6_text_is_glibcs_inet_ntop(raw):
    raw = raw[:16].rjust(16, b"\0")
    assert procnet.ipv6_text(raw) == socket.inet_ntop(socket.AF_INET6, raw)


def test_bogus_lines_are_counted_not_fatal():
    lines = [b"garbage", b"   1: zz:0016 00000000:0000 0A 0:0 0:0 0 0 0 1", b"", b"1: a b c"]
    assert procnet.internet_sockets(lines, "udp", "inet") == ([], 4)  # empty ones too
    assert procnet.unix_sockets([b"nonsense here", b""], True, False) == ([], 2)


def test_unix_lines():
    found, bogus = procnet.unix_sockets(UNIX_LINES, True, False)
    assert bogus == 0
    assert [(s.flags, s.type, s.state, s.inode, s.path) for s in found] == [
        (("ACC",), "STREAM", "LISTENING", 89725, "/tmp/x/stream"),
        (("ACC",), "STREAM", "LISTENING", 89730, "/tmp/x/with space"),
        ((), "STREAM", "CONNECTED", 89726, ""),
        ((), "DGRAM", "", 89731, "@abstract")]
    listening, _ = procnet.unix_sockets(UNIX_LINES, False, True)
    assert [s.inode for s in listening] == [89725, 89730]


def kernel_word(address):
    """The 32-bit word(s) /proc prints for a packed address, host order."""
    return "".join("%08X" % int.from_bytes(address[i:i + 4], sys.byteorder)
                   for i in range(0, len(address), 4))


@settings(max_examples=300, deadline=None)
@given(family=st.sampled_from([socket.AF_INET, socket.AF_INET6]),
       local=st.binary(min_size=16, max_size=16), remote=st.binary(min_size=16, max_size=16),
       ports=st.tuples(st.integers(0, 65535), st.integers(0, 65535)),
       state=st.integers(1, 11), queues=st.tuples(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1)),
       timer=st.tuples(st.integers(0, 4), st.integers(0, 2**31)), uid=st.integers(0, 2**32 - 2),
       inode=st.integers(0, 2**63))
def test_generated_tcp_lines_round_trip(family, local, remote, ports, state, queues, timer, uid,
                                        inode):
    size = 4 if family == socket.AF_INET else 16
    local, remote = local[:size], remote[:size]
    line = ("%4d: %s:%04X %s:%04X %02X %08X:%08X %02X:%08X %08X %5d %8d %d 1 0000 20 4 30 10 -1"
            % (0, kernel_word(local), ports[0], kernel_word(remote), ports[1], state, queues[1],
               queues[0], timer[0], timer[1], 0, uid, 0, inode)).encode()
    protocol, name = ("tcp", "inet") if size == 4 else ("tcp6", "inet6")
    (sock,), bogus = procnet.internet_sockets([line], protocol, name)
    assert bogus == 0
    assert (sock.local_address, sock.remote_address) == (
        socket.inet_ntop(family, local), socket.inet_ntop(family, remote))
    assert (sock.local_port, sock.remote_port, sock.recv_queue, sock.send_queue, sock.uid,
            sock.inode, sock.state) == (*ports, *queues, uid, inode, procnet.TCP_STATES[state])
    assert (sock.timer.code, sock.timer.clock_ticks) == timer


@settings(max_examples=500, deadline=None)
@given(st.lists(st.binary(max_size=200), max_size=20), st.sampled_from(["tcp", "udp6", "raw"]))
def test_any_bytes_parse_or_count_as_bogus(lines, protocol):
    found, bogus = procnet.internet_sockets(lines, protocol, "inet")
    assert len(found) + bogus <= len(lines)
    found, bogus = procnet.unix_sockets(lines, True, False)
    assert len(found) + bogus <= len(lines)
