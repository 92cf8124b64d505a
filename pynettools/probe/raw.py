"""Probes on raw sockets (root): ICMP echo (-I), TCP SYN (-T) and raw IP (-P).

Echo requests are built and sent by icmplib's raw ICMP socket; the same
socket receives every ICMP message for the host, and a raw TCP socket every
TCP segment, so each message is checked against the probes in flight
(`packets`) before it is believed: an error must quote a probe to the
target with its identifiers, a reply must come from the target and carry
them.  Anything else is ignored.
"""

import errno
import itertools
import os
import select
import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up
import time

from pynettools.probe import Reply, Slot
from pynettools.probe.datagram import fatal, privileges_error
from pynettools.probe.errqueue import SO_TIMESTAMP, received_time
from pynettools.probe.family import classify, scoped, socket_address, split_scope
from pynettools.probe.packets import ACK, RST, SYN, ipv4_header, parse_icmp, parse_mpls, \
    parse_tcp, tcp_syn
from pynettools.probe.poller import Poller

DRAIN = 64  # messages read per wake-up at most
_IDENTS = itertools.count(os.getpid())


class RawMethod:
    """ICMP echo or TCP SYN probes; `request` is a tracing.Request.

    `poller` is the `probe.poller.Poller` its sockets join (a new one of its
    own when None).  Every raw socket sees every message, so the methods of
    one process tell their probes apart by identifier: the first one's is
    the process id, as traceroute's; each later one's is the next number.
    """

    sees_every_message = True  # a raw socket: every ICMP message the host receives

    def __init__(self, family, request, poller=None):
        self.family = family
        self.request = request
        self.target = request.address  # `fe80::2%eth1` for a scoped one: as replies are named
        self.bare_target = split_scope(self.target)[0]  # as packets and quotes carry it
        self.tcp = request.method == "tcp"
        self.protocol = request.protocol if request.method == "raw" else None
        self.pending = {}  # probe key -> slot
        self.ident = next(_IDENTS) & 0xFFFF
        if self.protocol is not None:  # opened first: its refusal is the one reported
            probe_socket = self._raw(self.protocol)
        # -I sends with icmplib; the others only read ICMP, on a plain raw
        # socket (importing icmplib costs ~60 ms: it loads asyncio).
        self.echo_socket = self._echo_socket() if request.method == "icmp" else None
        self.icmp_sock = self.echo_socket.sock if self.echo_socket else \
            self._raw(family.icmp_protocol)
        self.sockets = [self.icmp_sock]
        if self.protocol is not None:
            self.sockets.append(probe_socket)
        if self.tcp:
            self.sockets.append(self._raw(socket.IPPROTO_TCP))
            self.source = request.options.source or _route_source(family, self.target)
            self.base_port = request.options.source_port or \
                33000 + int.from_bytes(os.urandom(2), "big") % 27000
            self.base_sequence = int.from_bytes(os.urandom(4), "big")
        for sock in self.sockets:
            sock.setblocking(False)
            sock.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMP, 1)
            if family.version == 6:
                sock.setsockopt(family.level, family.recvttl_option, 1)
            request.options.apply(sock, family)
        self.poller = poller or Poller()
        for sock in self.sockets:
            self.poller.register(sock, select.POLLIN, self)

    def _echo_socket(self):
        from icmplib import ICMPv4Socket, ICMPv6Socket
        from icmplib.exceptions import ICMPSocketError

        import encodings.idna  # noqa: F401 - icmplib resolves each destination with a str

        kind = ICMPv6Socket if self.family.version == 6 else ICMPv4Socket
        try:
            return kind(privileged=True)
        except ICMPSocketError as error:
            raise privileges_error(_os_error(error)) from None

    def _raw(self, protocol):
        try:
            return socket.socket(self.family.af, socket.SOCK_RAW, protocol)
        except PermissionError as error:
            raise privileges_error(error) from None
        except OSError as error:
            raise fatal("socket", error) from None

    def new_slot(self, index, ttl):
        return Slot(index, ttl)

    def send(self, slot):
        if self.tcp:
            self._send_syn(slot)
        elif self.protocol is not None:
            self._send_raw(slot)
        else:
            self._send_echo(slot)

    def _send_raw(self, slot):
        """-P: the identifier and the probe's number, then padding, as protocol N."""
        size = max(8, self.request.packet_length - self._headers())
        payload = (self.ident.to_bytes(2, "big") + slot.index.to_bytes(4, "big")).ljust(size,
                                                                                      b"@")
        self._send_packet(slot, ("raw", slot.index), payload)

    def _send_echo(self, slot):
        from icmplib import ICMPRequest
        from icmplib.exceptions import ICMPSocketError

        sequence = (self.request.port + slot.index) & 0xFFFF
        size = max(0, self.request.packet_length - self._headers() - 8)
        probe = ICMPRequest(self.target, self.ident, sequence, payload=b"@" * size,
                            ttl=slot.ttl, traffic_class=self.request.options.tos)
        self.pending[("icmp", sequence)] = slot
        slot.sent_at = time.time()
        try:
            self.echo_socket.send(probe)
        except ICMPSocketError as error:
            raise fatal("send", _os_error(error)) from None

    def _headers(self):
        """The IP header's length with -g's option or routing header."""
        return self.family.header_length + len(self.request.options.source_route)

    def _send_syn(self, slot):
        fixed = self.request.paris or self.request.options.source_port
        port = self.base_port if fixed else (self.base_port + slot.index) & 0xFFFF
        sequence = (self.base_sequence + slot.index) & 0xFFFFFFFF
        segment = tcp_syn(self.family.af, self.source, self.bare_target, port,
                          self.request.port & 0xFFFF, sequence)
        self._send_packet(slot, ("tcp", port, sequence), segment)

    def _send_packet(self, slot, key, packet):
        """Send a -T or -P probe on the raw socket, known by `key` when answers come."""
        self.pending[key] = slot
        sock = self.sockets[1]
        sock.setsockopt(self.family.level, self.family.ttl_option, slot.ttl)
        slot.sent_at = time.time()
        try:
            sock.sendto(packet, socket_address(self.family, self.target, 0))
        except OSError as error:
            if error.errno != errno.EMSGSIZE:  # as traceroute: the probe counts as sent
                raise fatal("send", error) from None

    def answers(self, fd, _events):
        """(slot, reply) pairs for a ready socket (see probe.poller)."""
        sock = next(sock for sock in self.sockets if sock.fileno() == fd)
        answers = []
        for _ in range(DRAIN):
            try:
                data, controls, _flags, address = sock.recvmsg(4096, 256)
            except (BlockingIOError, InterruptedError):
                break
            found = self._match(sock, data, controls, address)
            if found is not None:
                answers.append(found)
        return answers

    def _match(self, sock, data, controls, address):
        """(slot, Reply) when the message answers a probe in flight, else None."""
        received_at, hop_limit = received_time(controls, self.family)
        source, ttl = scoped(address[0], address[3]) if len(address) > 3 else address[0], hop_limit
        if self.family.version == 4:
            header = ipv4_header(data)
            if header is None:
                return None
            length, ttl, _protocol, source, _destination = header
            data = data[length:]
        if sock is self.icmp_sock:
            return self._match_icmp(data, source, received_at, ttl)
        if self.protocol is not None:  # protocol N from the target, with our identifiers
            key = self._raw_key(data)
            if source != self.target or key is None:
                return None
            return self._answer(key, source, received_at, None, None, ("", True), None, ttl,
                                None)
        return self._match_tcp(data, source, received_at, ttl)

    def _raw_key(self, transport):
        if len(transport) < 6 or int.from_bytes(transport[0:2], "big") != self.ident:
            return None
        return ("raw", int.from_bytes(transport[2:6], "big"))

    def _match_icmp(self, data, source, received_at, ttl):
        message = parse_icmp(self.family.version, data)
        if message is None:
            return None
        if message.quoted is None:  # an echo reply: from the target, with our identifiers
            if self.tcp or self.protocol is not None or source != self.target or \
                    message.ident != self.ident:
                return None
            return self._answer(("icmp", message.sequence), source, received_at, message.type,
                                message.code, ("", True), None, ttl, None)
        key = self._quoted_key(message.quoted)
        if key is None:
            return None
        marks = classify(self.family, message.type, message.code, message.mtu or 0)
        return self._answer(key, source, received_at, message.type, message.code, marks,
                            message.mtu, ttl, message.extensions)

    def _quoted_key(self, quote):
        """The pending-probe key the quoted header names, or None if it is not ours."""
        transport = quote.transport
        if quote.destination != self.bare_target or len(transport) < 8:
            return None
        if self.protocol is not None:
            return self._raw_key(transport) if quote.protocol == self.protocol else None
        if self.tcp:
            if quote.protocol != socket.IPPROTO_TCP:
                return None
            segment = (int.from_bytes(transport[0:2], "big"), int.from_bytes(transport[4:8], "big"))
            return ("tcp",) + segment
        if quote.protocol != self.family.icmp_protocol or transport[0] != self.family.echo_request \
                or int.from_bytes(transport[4:6], "big") != self.ident:
            return None
        return ("icmp", int.from_bytes(transport[6:8], "big"))

    def _match_tcp(self, data, source, received_at, ttl):
        segment = parse_tcp(data)
        if segment is None or source != self.target or \
                segment.source_port != self.request.port & 0xFFFF:
            return None
        if not (segment.flags & RST or segment.flags & (SYN | ACK) == SYN | ACK):
            return None
        key = ("tcp", segment.destination_port, (segment.ack - 1) & 0xFFFFFFFF)
        return self._answer(key, source, received_at, None, None, ("", True), None, ttl, None)

    def _answer(self, key, source, received_at, icmp_type, icmp_code, marks, mtu, ttl,
                extensions):
        slot = self.pending.get(key)
        if slot is None:
            return None
        annotation, final = marks
        return slot, Reply(source, received_at, icmp_type, icmp_code, annotation, final,
                           mtu if annotation.startswith("!F") else None, ttl,
                           tuple(parse_mpls(extensions)) if extensions else None)

    def retire(self, slot):
        for key in [key for key, pending in self.pending.items() if pending is slot]:
            del self.pending[key]

    def close(self):
        for sock in self.sockets:
            self.poller.unregister(sock)
        for sock in self.sockets[1:]:
            sock.close()
        (self.echo_socket or self.icmp_sock).close()


def _os_error(error):
    """The OSError behind an icmplib exception (icmplib keeps only its text)."""
    cause = error.__context__
    return cause if isinstance(cause, OSError) else OSError(errno.EPERM, str(error))


def _route_source(family, target):
    """The address the kernel would send from to `target` (no packet is sent)."""
    probe = socket.socket(family.af, socket.SOCK_DGRAM)
    try:
        probe.connect(socket_address(family, target, 9))
        return probe.getsockname()[0]
    except OSError as error:
        raise fatal("connect", error) from None
    finally:
        probe.close()
