"""Probes sent from one socket each: UDP, UDPLITE, ICMP echo and TCP connect().

None of them needs privileges: the kernel reports the ICMP errors they
provoke on the probe's own socket (see `errqueue`), and an answer from the
target (a UDP datagram, an echo reply) arrives on it as ordinary data; a TCP
probe (-M tcpconn) is a non-blocking connect(), answered by the target when
it connects or is refused.
"""

import errno
import os
import select
import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up
import struct
import time

from pynettools.errors import PrivilegeError, SocketCallError, UnsupportedError
from pynettools.probe import Reply, Slot
from pynettools.probe.errqueue import LocalError, enable, read_error
from pynettools.probe.family import PMTUDISC_DONT, PMTUDISC_PROBE, scoped, \
    socket_address
from pynettools.probe.poller import Poller

SO_MARK = 36
IPPROTO_UDPLITE = 136
UDPLITE_SEND_CSCOV = 10
IPV6_FLOWINFO_SEND = 33
SOCK_DCCP, IPPROTO_DCCP = 6, 33
POLL_EVENTS = select.POLLIN | select.POLLERR


class SocketOptions:
    """What every probe socket is set up with, from the command line."""

    def __init__(self, tos=0, dont_fragment=False, source=None, source_port=0, device=None,
                 fwmark=0, dont_route=False, flow_label=0, debug=False, source_route=b""):
        self.source_route = source_route  # -g: see probe.source_route
        self.tos = tos
        self.dont_fragment = dont_fragment
        self.source = source
        self.source_port = source_port
        self.device = device
        self.fwmark = fwmark
        self.dont_route = dont_route
        self.flow_label = flow_label
        self.debug = debug

    def apply(self, sock, family):
        if self.source_route:  # first, as traceroute: its refusal is the one reported
            from pynettools.probe.source_route import socket_option

            level, option, what = socket_option(family.version)
            _option(sock, level, option, self.source_route, what)
        if self.tos:
            sock.setsockopt(family.level, family.tos_option, self.tos)
        sock.setsockopt(family.level, family.mtu_discover_option,
                        PMTUDISC_PROBE if self.dont_fragment else PMTUDISC_DONT)
        if self.device:
            _option(sock, socket.SOL_SOCKET, socket.SO_BINDTODEVICE,
                    self.device.encode("utf-8", "surrogateescape"),
                    "setsockopt SO_BINDTODEVICE")
        if self.fwmark:
            _option(sock, socket.SOL_SOCKET, SO_MARK, self.fwmark, "setsockopt SO_MARK")
        if self.debug:
            _option(sock, socket.SOL_SOCKET, socket.SO_DEBUG, 1, "setsockopt SO_DEBUG")
        if self.dont_route:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_DONTROUTE, 1)
        if self.flow_label and family.version == 6:
            sock.setsockopt(family.level, IPV6_FLOWINFO_SEND, 1)
        if self.source or self.source_port:
            try:
                sock.bind((self.source or ("::" if family.version == 6 else "0.0.0.0"),
                           self.source_port))
            except OSError as error:
                raise fatal("bind", error) from None


def _option(sock, level, option, value, what):
    try:
        sock.setsockopt(level, option, value)
    except OSError as error:
        raise fatal(what, error) from None


def privileges_error(error):
    """The OSError of opening a socket the method needs, as a PrivilegeError."""
    return PrivilegeError("socket", error.errno)


def fatal(call, error):
    """An OSError of `call` (what traceroute names in its message) as a SocketCallError."""
    return SocketCallError(call, error.errno)


def _check_raw_allowed(family):
    """traceroute's tcpconn and dccp read ICMP on a raw socket: they need the privilege."""
    try:
        socket.socket(family.af, socket.SOCK_RAW, family.icmp_protocol).close()
    except PermissionError as error:
        raise privileges_error(error) from None


class DatagramMethod:
    """Probes on datagram sockets, one per probe.

    `kind` is "udp" (port rising per probe unless `fixed_port`), "udplite"
    or "icmp" (echo requests on a ping socket); `packet_length` is the whole
    IP packet; `discover_mtu` (--mtu) re-sends a probe that was too big at
    the size the path allows.  `unconnected` (--paris) sends with sendto()
    from sockets never connected: connect() gives a socket a random flow hash,
    which its packets carry (in IPv6 as their flow label) and which a Linux
    router balancing over equal-cost paths uses instead of the addresses and
    ports, so each new connected socket could take another path.  `poller` is the
    `probe.poller.Poller` its sockets join (a new one of its own when None).
    """

    sees_every_message = False  # the kernel hands each socket its own errors

    def __init__(self, family, target, kind, port, fixed_port, packet_length, options,
                 discover_mtu=False, unconnected=False, poller=None):
        self.family = family
        self.target = target
        self.kind = kind
        self.port = port
        self.fixed_port = fixed_port
        self.packet_length = packet_length
        self.options = options
        self.discover_mtu = discover_mtu
        self.unconnected = unconnected and kind != "tcpconn"
        self.poller = poller or Poller()
        self.by_fd = {}
        self.sequence = port if kind == "icmp" else 0
        if kind == "icmp":  # refused before the header, as traceroute's own socket is
            self._socket().close()
        if kind in ("tcpconn", "dccp"):
            _check_raw_allowed(family)

    def new_slot(self, index, ttl):
        return Slot(index, ttl)

    def _socket(self):
        protocol = {"icmp": self.family.icmp_protocol, "udplite": IPPROTO_UDPLITE,
                    "dccp": IPPROTO_DCCP}.get(self.kind, 0)
        kind = {"tcpconn": socket.SOCK_STREAM, "dccp": SOCK_DCCP}.get(self.kind,
                                                                    socket.SOCK_DGRAM)
        try:
            sock = socket.socket(self.family.af, kind, protocol)
        except OSError as error:
            raise fatal("socket", error) from None
        if self.kind == "dccp":  # where the kernel has DCCP at all (Linux < 6.16)
            sock.close()
            raise UnsupportedError("DCCP probes (-D)")
        return sock

    def send(self, slot):
        sock = self._socket()
        sock.setblocking(False)
        enable(sock, self.family)
        self.options.apply(sock, self.family)
        if self.kind == "udplite":
            sock.setsockopt(IPPROTO_UDPLITE, UDPLITE_SEND_CSCOV, 8)
        sock.setsockopt(self.family.level, self.family.ttl_option, slot.ttl)
        port = self.port if self.fixed_port or self.kind in ("icmp", "tcpconn") \
            else self.port + slot.index
        slot.handle = sock
        self.by_fd[sock.fileno()] = slot
        self.poller.register(sock, POLL_EVENTS | (select.POLLOUT if self.kind == "tcpconn" else 0),
                             self)
        if self.kind == "tcpconn":
            slot.sent_at = time.time()
            failure = sock.connect_ex(self._address(port & 0xFFFF))
            if failure not in (0, errno.EINPROGRESS):
                raise fatal("connect", OSError(failure, os.strerror(failure)))
            return
        self.destination = self._address(port & 0xFFFF)
        if not self.unconnected:
            try:
                sock.connect(self.destination)
            except OSError as error:
                raise fatal("connect", error) from None
        self._transmit(slot)

    def _address(self, port):
        return socket_address(self.family, self.target, port, self.options.flow_label & 0xFFFFF)

    def _payload(self, slot):
        body = b"@" * max(0, self.packet_length - self.family.header_length -
                          len(self.options.source_route) - 8)
        if self.kind != "icmp":
            return body
        self.sequence += 1
        header = struct.pack("!BBHHH", self.family.echo_request, 0, 0, 0, self.sequence & 0xFFFF)
        return header + body  # the kernel fills in the identifier and checksum

    def _transmit(self, slot):
        # An ICMP error already read leaves its errno pending on the socket,
        # where it would fail the next send: reading SO_ERROR clears it.
        slot.handle.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        slot.sent_at = time.time()
        try:
            if self.unconnected:
                slot.handle.sendto(self._payload(slot), self.destination)
            else:
                slot.handle.send(self._payload(slot))
        except OSError as error:
            if error.errno != errno.EMSGSIZE:
                raise fatal("send", error) from None
            # As traceroute: the probe counts as sent; the error queue then
            # reports the size problem with the MTU that applies.

    def _shrink(self, slot, mtu):
        """--mtu: the probe was too big for `mtu`; send it again that size."""
        if mtu and mtu < self.packet_length:
            self.packet_length = mtu
        slot.mtu = self.packet_length
        self._transmit(slot)

    def answers(self, fd, events):
        """(slot, reply) pairs for a ready probe socket (see probe.poller)."""
        slot = self.by_fd.get(fd)
        if slot is None:
            return []
        found = self._errors(slot) if events & select.POLLERR else []
        if not found and self.kind == "tcpconn":
            found = self._connected(slot)
        elif events & select.POLLIN:
            found += self._data(slot)
        return found

    def _connected(self, slot):
        """-M tcpconn: the target accepted or refused the connection."""
        failure = slot.handle.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if failure not in (0, errno.ECONNREFUSED):
            return []
        return [(slot, self._target_answered())]

    def _target_answered(self, icmp_type=None, icmp_code=None):
        """A reply from the target: an echo reply's type and code, None for UDP or TCP."""
        return Reply(self.target, time.time(), icmp_type, icmp_code, "", True, None, None, None)

    def _errors(self, slot):
        answers = []
        for _ in range(8):  # a bounded drain of the queue
            found = read_error(slot.handle, self.family, time.time())
            if found is None:
                break
            if isinstance(found, LocalError):
                if found.errno == errno.EMSGSIZE and self.discover_mtu:
                    self._shrink(slot, found.mtu)
                    answers.append((slot, None))
                continue
            if found.mtu and self.discover_mtu:
                self._shrink(slot, found.mtu)
                answers.append((slot, None))
                break
            answers.append((slot, found))
            break
        return answers

    def _data(self, slot):
        try:
            data, source = slot.handle.recvfrom(2048)
        except OSError:
            return []
        if self.unconnected and scoped(source[0], source[3] if len(source) > 3 else 0) != \
                self.target:  # any sender reaches an unconnected socket
            return []
        if self.kind != "icmp":
            return [(slot, self._target_answered())]
        if len(data) < 8 or data[0] != self.family.echo_reply:
            return []
        return [(slot, self._target_answered(data[0], data[1]))]

    def retire(self, slot):
        sock, slot.handle = slot.handle, None
        if sock is not None:
            self.by_fd.pop(sock.fileno(), None)
            self.poller.unregister(sock)
            sock.close()

    def close(self):
        for slot in list(self.by_fd.values()):
            self.retire(slot)
