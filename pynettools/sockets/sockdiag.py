"""The kernel's TCP and UDP tables through sock_diag netlink, the interface ss uses.

    from pynettools.sockets import sockdiag
    for sock in sockdiag.sockets(sockdiag.INET, sockdiag.TCP):
        print(sock.local_address, sock.local_port, sock.state, sock.inode, sock.uid)

One `SOCK_DIAG_BY_FAMILY` dump (an `inet_diag_req_v2` for every state) of
one family and protocol: TCP, UDP or UDP-Lite, IPv4 or IPv6; or TCP of both
families in one walk of the kernel's tables (ANY: the older
`TCPDIAG_GETSOCK` request, which the kernel still serves, and which spares
the second walk a dump per family costs).  The kernel answers in the order
of /proc/net/tcp and its siblings (the listening hash, then the established
one; UDP's port slots), with the same state, queues, uid and inode, at about
two thirds of the kernel's cost of writing the /proc text and none of the
cost of parsing it.  What differs from /proc:

- a LISTEN socket's send-queue field is its backlog (/proc shows the
  unacknowledged bytes, 0 for a listener);
- a SYN_RECV entry (a request socket) has uid 0 (/proc shows the
  listener's uid);
- the timer is in milliseconds (/proc: USER_HZ ticks, 100 a second), and
  there is no field for /proc's `timeout` column (zero-window probes) nor
  for the retransmit count of a keepalive timer (its field holds probes).

Two views of one dump: `sockets()`, a record per socket (`DiagSocket`,
addresses as text, ports as numbers), for callers who want to look
sockets up; and `batches()`, the same fields as columns of tuples, one
batch per netlink read, for callers that turn tens of thousands of sockets
into text and would spend more on a record per socket than on the rest.

Raw sockets (raw_diag is often not built) and UNIX sockets are not read
here: unix_diag has no reference count, which netstat prints, and leaves
out embryonic sockets; /proc/net serves both.  Failures are
SocketCallError: the call ("socket", "send", "recv") or "sock_diag"
for the kernel's answer, with its errno (ENOENT: no handler for that
protocol).
"""

import errno
import itertools
import struct

from pynettools.errors import SocketCallError
from pynettools.models import record
from pynettools.sockets.procnet import ipv6_text

ANY, INET, INET6 = 0, 2, 10  # address families (ANY: both, TCP only)
TCP, UDP, UDPLITE = 6, 17, 136  # IP protocols
TCP_LISTEN, TCP_SYN_RECV = 10, 3
UDP_UNCONNECTED = 7  # TCP_CLOSE: the state of a UDP socket with no peer
ALL_STATES = 0xFFFFFFFF  # TCP_NEW_SYN_RECV (12) included: request sockets show as SYN_RECV

_NETLINK_SOCK_DIAG = 4
_SOCK_DIAG_BY_FAMILY, _TCPDIAG_GETSOCK = 20, 18
_NLM_F_REQUEST, _NLM_F_DUMP = 0x1, 0x300
_NLMSG_ERROR, _NLMSG_DONE = 2, 3
_HEADER = struct.Struct("=IH")  # nlmsghdr's length and type (then flags, sequence, port id)
_REQUEST_HEADER = struct.Struct("=IHHII")
_REQUEST = struct.Struct("=BBBxI48x")  # inet_diag_req_v2: family, protocol, extensions, states
_BOTH_FAMILIES = struct.Struct("=4x48xII")  # inet_diag_req: family 0 ... states, dbs
_ERROR = struct.Struct("=16xi")  # nlmsgerr: the header, then -errno
_BUFFER = 65536  # the kernel fills at most 32 KiB per read of a dump
_WAIT_SECONDS = 10  # for one read: the kernel answers at once, or something is wrong
# After the 16-byte header, inet_diag_msg: family, state, timer, retransmits;
# the socket id (ports in network order, two 16-byte addresses, interface,
# cookie); then expires (ms), receive queue, send queue, uid, inode.
_BODY = "16xBBBBHH16s16s12xIIIII"
_MESSAGE = 88  # header and inet_diag_msg; attributes follow up to the message's length
_INODE = struct.Struct("=84xI")  # inet_diag_msg's last field
_ATTRIBUTE = struct.Struct("=HH")  # nlattr: length, type
_SKV6ONLY = 11  # INET_DIAG_SKV6ONLY: one byte, IPV6_V6ONLY's value
_COLUMNS = ("family", "state", "timer", "retransmits", "local_port", "remote_port",
            "local_address", "remote_address", "expires_ms", "recv_queue", "send_queue",
            "uid", "inode")

DiagSocket = record(
    "DiagSocket",
    "family protocol state local_address local_port remote_address remote_port "
    "recv_queue send_queue uid inode timer retransmits expires_ms",
)
DiagSocket.__doc__ = """One socket of a sock_diag dump, as the kernel reports it.

family: INET or INET6; protocol: TCP, UDP or UDPLITE; state: the kernel's
number (TCP: 1 ESTABLISHED ... 10 LISTEN, as in procnet.TCP_STATES; UDP: 1
connected, 7 not); local_address, remote_address: numeric text ("127.0.0.1",
"::ffff:192.0.2.1"); local_port, remote_port: int; recv_queue, send_queue:
int bytes (a listener's send_queue is its backlog); uid, inode: int (0 for
TIME_WAIT and SYN_RECV entries); timer: 0 none, 1 retransmit, 2 keepalive,
3 TIME_WAIT, 4 zero-window probe; retransmits: int (probes sent, for timers
2 and 4); expires_ms: time left on the timer.
"""


class Batch:
    """The sockets of one netlink read as columns, each attribute a tuple in
    dump order: `family`, `state`, `timer`, `retransmits`, `local_port`,
    `remote_port`, `local_address` and `remote_address` (16 raw bytes; an
    IPv4 address in the first 4), `expires_ms`, `recv_queue`, `send_queue`,
    `uid`, `inode`; and `size`, the number of sockets.

    Made from the fields of every socket in one flat tuple (what one struct
    unpack of a whole read gives), cut into columns by slicing.
    """

    __slots__ = _COLUMNS + ("size",)

    def __init__(self, fields):
        width = len(_COLUMNS)
        self.size = len(fields) // width
        for index, name in enumerate(_COLUMNS):
            setattr(self, name, fields[index::width])
        self.local_port = _from_network_order(self.local_port)
        self.remote_port = _from_network_order(self.remote_port)

    def where(self, keep):
        """A Batch of the sockets whose item in the iterable `keep` is true."""
        keep = tuple(keep)
        chosen = Batch.__new__(Batch)
        for name in _COLUMNS:
            setattr(chosen, name, tuple(itertools.compress(getattr(self, name), keep)))
        chosen.size = len(chosen.state)
        return chosen

    def of_family(self, family):
        """The Batch of this one's sockets of `family` (itself when all are)."""
        if self.family.count(family) == self.size:
            return self
        return self.where(map(family.__eq__, self.family))


def _from_network_order(ports):
    """Network-order 16-bit numbers (read in host order) as numbers, all at once."""
    count = len(ports)
    return struct.unpack(">%dH" % count, struct.pack("=%dH" % count, *ports))


def address_text(raw, family):
    """Numeric text of a Batch's raw address, as /proc's readers give it."""
    if family == INET:
        return "%d.%d.%d.%d" % tuple(raw[:4])
    return ipv6_text(raw)


def sockets(family, protocol, states=ALL_STATES):
    """Every socket of `family` (INET, INET6; ANY with TCP) and `protocol` (TCP,
    UDP, UDPLITE) in the states whose bits are set in `states` (1 << state):
    DiagSocket records in the kernel's order.  SocketCallError when the kernel
    cannot answer."""
    found, texts = [], {}
    new = tuple.__new__
    for batch in batches(family, protocol, states):
        for (kind, state, timer, retransmits, local_port, remote_port, local, remote,
             expires, *rest) in zip(*(getattr(batch, name) for name in _COLUMNS)):
            for raw in (local, remote):
                if (raw, kind) not in texts:
                    texts[raw, kind] = address_text(raw, kind)
            found.append(new(DiagSocket, (
                kind, protocol, state, texts[local, kind], local_port, texts[remote, kind],
                remote_port, *rest, timer, retransmits, expires)))
    return found


def batches(family, protocol, states=ALL_STATES):
    """The dump as Batch objects, one per netlink read, in the kernel's order."""
    channel = _dump_socket()
    try:
        reply = _send(channel, family, protocol, states)
        formats = {}
        while True:
            try:
                data = channel.recv(_BUFFER)
            except OSError as error:  # a timeout too: the kernel always ends a dump
                raise SocketCallError.from_os_error("recv", error) from None
            fields, done = _fields(data, reply, formats)
            if fields:
                yield Batch(fields)
            if done:
                return
    finally:
        channel.close()


def _dump_socket():
    import _socket

    try:
        channel = _socket.socket(_socket.AF_NETLINK, _socket.SOCK_RAW | _socket.SOCK_CLOEXEC,
                                 _NETLINK_SOCK_DIAG)
    except AttributeError:  # not Linux: no netlink
        raise SocketCallError("socket", errno.EAFNOSUPPORT) from None
    except OSError as error:
        raise SocketCallError.from_os_error("socket", error) from None
    channel.settimeout(_WAIT_SECONDS)
    return channel


def _send(channel, family, protocol, states):
    """Ask for the dump; the message type of the kernel's answers."""
    if family == ANY:
        if protocol != TCP:
            raise ValueError("both families in one dump: TCP only")
        kind, request = _TCPDIAG_GETSOCK, _BOTH_FAMILIES.pack(states, 0)
    else:
        kind, request = _SOCK_DIAG_BY_FAMILY, _REQUEST.pack(family, protocol, 0, states)
    header = _REQUEST_HEADER.pack(_REQUEST_HEADER.size + len(request), kind,
                                  _NLM_F_REQUEST | _NLM_F_DUMP, 1, 0)
    try:
        channel.send(header + request)
    except OSError as error:
        raise SocketCallError.from_os_error("send", error) from None
    return kind


def _fields(data, reply, formats):
    """(the fields of every socket in one read, flat; whether the dump ended).

    A read of a busy table is mostly a run of messages of one length (one
    kind of socket, the same attributes): checked with a few strided byte
    comparisons and decoded by one unpack, in C.  Otherwise (TIME_WAIT entries
    among full sockets, both families, the closing DONE) the messages are
    found by their lengths and each decoded where it starts.
    """
    length = _HEADER.unpack_from(data)[0] if len(data) >= _HEADER.size else 0
    count = len(data) // length if length >= _MESSAGE and length % 4 == 0 else 0
    if count and count * length == len(data) and _uniform(data, length, count):
        if _HEADER.unpack_from(data)[1] == reply:
            return _messages(formats, length, count).unpack(data), False
    return _walk(data, reply, formats)


def _uniform(data, length, count):
    """True when each of the `count` messages has the first's length and type."""
    return all(data[index:count * length:length] == data[index:index + 1] * count
               for index in range(6))


def _messages(formats, length, count):
    """The Struct of `count` messages of `length` bytes each."""
    key = (length, count)
    if key not in formats:
        formats[key] = struct.Struct("=" + (_BODY + "%dx" % (length - _MESSAGE)) * count)
    return formats[key]


def _walk(data, reply, formats):
    offsets, done = _message_offsets(data, reply)
    decode = _messages(formats, _MESSAGE, 1).unpack_from
    fields = tuple(itertools.chain.from_iterable(
        map(decode, itertools.repeat(data), (offset for offset, _ in offsets))))
    return fields, done


def _message_offsets(data, reply):
    """([(offset, length)] of the socket messages in one read, whether the dump ended)."""
    offsets, offset, end = [], 0, len(data)
    while offset + _HEADER.size <= end:
        length, kind = _HEADER.unpack_from(data, offset)
        if kind == _NLMSG_DONE:
            return offsets, True
        if kind == _NLMSG_ERROR:
            raise SocketCallError("sock_diag", -_ERROR.unpack_from(data, offset)[0])
        if length < _HEADER.size or offset + length > end:
            raise SocketCallError("sock_diag", errno.EBADMSG)
        if kind == reply and length >= _MESSAGE:
            offsets.append((offset, length))
        offset += (length + 3) & ~3
    return offsets, False


def v6_only_inodes(protocol):
    """The inodes of the IPv6 sockets of `protocol` that are listening (TCP) or
    unconnected (UDP) and take no IPv4 (IPV6_V6ONLY): the kernel adds its
    INET_DIAG_SKV6ONLY attribute to sockets in those two states.  A set;
    SocketCallError when the kernel cannot answer."""
    channel = _dump_socket()
    found = set()
    try:
        reply = _send(channel, INET6, protocol, 1 << TCP_LISTEN | 1 << UDP_UNCONNECTED)
        done = False
        while not done:
            try:
                data = channel.recv(_BUFFER)
            except OSError as error:
                raise SocketCallError.from_os_error("recv", error) from None
            offsets, done = _message_offsets(data, reply)
            for offset, length in offsets:
                if _attribute(data, offset + _MESSAGE, offset + length, _SKV6ONLY) == b"\x01":
                    found.add(_INODE.unpack_from(data, offset)[0])
    finally:
        channel.close()
    return found


def _attribute(data, start, end, wanted):
    """The payload of the first netlink attribute of type `wanted` in data[start:end]."""
    while start + _ATTRIBUTE.size <= end:
        length, kind = _ATTRIBUTE.unpack_from(data, start)
        if length < _ATTRIBUTE.size:
            return None
        if kind & 0x3FFF == wanted:
            return data[start + _ATTRIBUTE.size:start + length]
        start += (length + 3) & ~3
    return None
