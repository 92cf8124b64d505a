"""netstat's lines from sock_diag's columns are the lines of the same sockets as
records: BatchLines against internet_lines, over random tables and layouts."""

import struct

from hypothesis import given, strategies as st

from pynettools.output import netstat_sockets as text
from pynettools.output.netstat_batches import BatchLines
from pynettools.sockets import procnet, sockdiag
from pynettools.sockets.names import Names
from pynettools.sockets.records import InternetSocket, SocketOwner, SocketTimer

ADDRESSES = {
    sockdiag.INET: [bytes(4), bytes([127, 0, 0, 1]), bytes([192, 0, 2, 255]),
                    bytes([203, 0, 113, 7])],
    sockdiag.INET6: [bytes(16), bytes(15) + b"\1", bytes(10) + b"\xff\xff" + bytes([192, 0, 2, 1]),
                     bytes.fromhex("20010db8000100020003000400050006"),
                     bytes.fromhex("fe800000000000001234567890abcdef")],
}
PORTS = st.one_of(st.sampled_from([0, 9, 22, 53, 65535]), st.integers(0, 65535))
OWNERS = [SocketOwner(1, "init"), SocketOwner(4242, "a-long-program-name-x"), None]
PROTOCOLS = {("tcp", sockdiag.INET): "tcp", ("tcp", sockdiag.INET6): "tcp6",
             ("udp", sockdiag.INET): "udp", ("udp", sockdiag.INET6): "udp6",
             ("udpl", sockdiag.INET): "udpl"}


@st.composite
def tables(draw):
    kind, family = draw(st.sampled_from(sorted(PROTOCOLS)))
    count = draw(st.integers(0, 30))
    rows = [(draw(st.sampled_from(ADDRESSES[family])), draw(PORTS),
             draw(st.sampled_from(ADDRESSES[family])), draw(PORTS),
             draw(st.one_of(st.integers(0, 12), st.integers(0, 255))),
             draw(st.integers(0, 2**32 - 1)), draw(st.integers(0, 2**32 - 1)),
             draw(st.sampled_from([0, 1000, 65534])), draw(st.integers(0, 40)))
            for _ in range(count)]
    return kind, family, rows


def batch_of(family, rows):
    fields = []
    for local, local_port, remote, remote_port, state, receive, send, uid, inode in rows:
        fields += [family, state, 0, 0, _network(local_port), _network(remote_port),
                   local.ljust(16, b"\0"), remote.ljust(16, b"\0"), 0, receive, send, uid, inode]
    return sockdiag.Batch(tuple(fields))


def _network(port):
    return struct.unpack("=H", struct.pack(">H", port))[0]


def records_of(kind, family, rows, by_inode):
    protocol = PROTOCOLS[kind, family]
    name = "inet" if family == sockdiag.INET else "inet6"
    texts = procnet.state_texts(kind)
    return [InternetSocket(protocol, name, receive,
                           0 if kind == "tcp" and state == sockdiag.TCP_LISTEN else send,
                           sockdiag.address_text(local.ljust(16, b"\0"), family), local_port,
                           sockdiag.address_text(remote.ljust(16, b"\0"), family), remote_port,
                           texts[state], uid, inode, SocketTimer(0, 0, 0, 0),
                           by_inode.get(inode))
            for local, local_port, remote, remote_port, state, receive, send, uid, inode in rows]


def names():
    names = Names(numeric_hosts=True, numeric_users=True)
    names._ports = {(9, "tcp"): "discard", (53, "udp"): "a-very-long-udp-service-name",
                    (22, "tcp"): "ssh"}
    return names


@given(tables(), st.booleans(), st.booleans(), st.booleans(), st.booleans(),
       st.dictionaries(st.integers(0, 40), st.sampled_from(OWNERS)))
def test_batch_lines_are_the_record_lines(table, extend, programs, wide, numeric, by_inode):
    kind, family, rows = table
    layout = text.Layout(extend=extend, programs=programs, wide=wide)
    protocol = PROTOCOLS[kind, family]
    name = "inet" if family == sockdiag.INET else "inet6"
    table_names = names()
    table_names.numeric_ports = numeric
    expected = "".join(line + "\n" for line in text.internet_lines(
        records_of(kind, family, rows, by_inode), table_names, layout))
    lines = BatchLines(protocol, name, table_names, layout,
                            procnet.state_texts(kind),
                            zero_send_queue=(sockdiag.TCP_LISTEN,) if kind == "tcp" else ())
    half = len(rows) // 2  # two batches: the caches carry over
    found = "".join(lines.text(batch_of(family, part),
                               lambda raw: sockdiag.address_text(raw, family), by_inode)
                    for part in (rows[:half], rows[half:]) if part)
    assert found == expected
