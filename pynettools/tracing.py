"""Tracing a route: a request in, `Trace` records out.  Never prints.

`prepare(...)` checks and resolves what to trace and returns a `Trace`
whose `hops` is a generator: each `TraceHop` comes out as soon as it is
complete, so a caller can show it at once (the command line does).
`traceroute(...)` (also `pynettools.traceroute`) runs a whole trace and
returns the Trace with its hops as a list.
"""

import os
import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up

from pynettools.errors import ResolveError, SocketCallError
from pynettools.models import MplsLabel, record, Trace, TraceHop, TraceProbe
from pynettools.probe import schedule
from pynettools.probe.family import family_of

METHODS = ("udp", "udp-fixed", "udplite", "icmp", "tcp", "tcpconn", "dccp", "raw")
DEFAULT_PORTS = {"udp": 33434, "udp-fixed": 53, "udplite": 53, "icmp": 1, "tcp": 80,
                 "tcpconn": 80, "dccp": 33434, "raw": 0}
MAX_PACKET = 65000
RAW_PROTOCOL = 253  # -M raw without -P: the protocol number RFC 3692 sets aside for tests

Request = record("Request", "target address family method port first_hop max_hops queries "
                            "in_flight wait sendwait packet_length numeric options "
                            "discover_mtu back extensions as_lookup as_server paris privileged "
                            "protocol")
Request.__doc__ = """Everything a trace needs, checked and resolved (see `prepare`)."""


def resolve(host, family=None):
    """(af, address) for host; the first IPv4 address when family is None and there is one.

    That is traceroute's choice, whatever order getaddrinfo prefers; a
    scoped IPv6 address is written `fe80::2%eth1`, as traceroute prints it.
    socket.gaierror when the name cannot be resolved.
    """
    af = {4: socket.AF_INET, 6: socket.AF_INET6}.get(family, socket.AF_UNSPEC)
    # bytes, as traceroute passes them: a str would load the idna codec (and re)
    info = socket.getaddrinfo(host.encode("utf-8", "surrogateescape"), None, af,
                              socket.SOCK_DGRAM)
    chosen = next((entry for entry in info if entry[0] == socket.AF_INET), info[0])
    if chosen[0] == socket.AF_INET6:  # a link-local address keeps its scope, as traceroute's
        from pynettools.probe.family import scoped

        return chosen[0], scoped(chosen[4][0], chosen[4][3])
    return chosen[0], chosen[4][0]


def make_request(target, address, version, method="udp", port=None, first_hop=1, max_hops=30,
                 queries=3, in_flight=16, wait=(5.0, 3.0, 10.0), sendwait=0.0,
                 packet_length=None, numeric=False, tos=0, dont_fragment=False, source=None,
                 source_port=None, interface=None, fwmark=0, dont_route=False, flow_label=0,
                 debug=False, discover_mtu=False, back=False, extensions=False,
                 as_lookup=False, as_server=None, paris=False, privileged=None,
                 protocol=None, source_route=b""):
    """A Request with traceroute's implied settings applied.

    --sport and --mtu imply one probe in flight, --mtu implies -F; --paris
    keeps one source port (the given one or a random one) and, for UDP, one
    probe in flight, so that an error can only belong to the probe out.
    `source_route` is -g's option (see probe.source_route), counted in the
    default packet length.
    """
    from pynettools.probe.datagram import SocketOptions

    if method not in METHODS:
        raise ValueError("unknown method %r (one of %s)" % (method, ", ".join(METHODS)))
    family = family_of(version)
    if paris and source_port is None:
        source_port = 33000 + int.from_bytes(os.urandom(2), "big") % 28000
    if source_port is not None or discover_mtu or (paris and method != "tcp"):
        in_flight = 1
    if packet_length is None:
        packet_length = MAX_PACKET if discover_mtu else \
            default_packet_length(family, method) + len(source_route)
    options = SocketOptions(
        tos=tos & 0xFF, dont_fragment=dont_fragment or discover_mtu, source=source,
        source_port=(source_port or 0) & 0xFFFF, device=interface, fwmark=fwmark,
        dont_route=dont_route, flow_label=flow_label, debug=debug,
        source_route=source_route)
    return Request(
        target=target, address=address, family=family.version, method=method,
        port=DEFAULT_PORTS[method] if port is None else port, first_hop=first_hop,
        max_hops=max_hops, queries=queries, in_flight=max(1, in_flight), wait=tuple(wait),
        sendwait=sendwait, packet_length=packet_length, numeric=numeric, options=options,
        discover_mtu=discover_mtu, back=back, extensions=extensions, as_lookup=as_lookup,
        as_server=as_server, paris=paris, privileged=privileged,
        protocol=RAW_PROTOCOL if protocol is None else protocol)


def traceroute(host, family=None, **settings):
    """Trace the route to `host`, as `pytraceroute host` does, and return it whole.

    :param host: a host name or an IPv4/IPv6 address.
    :param family: 4 or 6 to resolve `host` in that family only; None (the
        default) takes the first IPv4 address when the name has one, as
        traceroute does.
    :param settings: the keywords of `make_request`, all optional: method
        (one of METHODS, default "udp": traceroute's default UDP method,
        which needs no privileges), port, first_hop (1), max_hops (30),
        queries (3 probes a hop), in_flight (16), wait ((MAX, HERE, NEAR)
        seconds and factors, default (5.0, 3.0, 10.0)), sendwait,
        packet_length, numeric (skip reverse lookups), tos, dont_fragment,
        source, source_port, interface, fwmark, dont_route, flow_label,
        discover_mtu, back, extensions, as_lookup, as_server, paris,
        privileged (-I: True raw only, False ping socket only), protocol (for
        "raw"), source_route.
    :returns: a `pynettools.models.Trace` whose `hops` is a list of
        `TraceHop`, each with its `TraceProbe` records in sending order.
    :raises ResolveError: `host` does not resolve (in `family`).
    :raises PrivilegeError: the method needs a raw socket and the process
        may not open one (for "icmp": nor an unprivileged ICMP socket).
    :raises SocketCallError: a socket call failed while tracing (its `call`
        and `errno` say which and why), e.g. a send to an unreachable network.
    :raises UnsupportedError: the method cannot be used here (DCCP).
    :raises ValueError: `method` is not one of METHODS.
    """
    try:
        af, address = resolve(host, family)
    except socket.gaierror as error:
        raise ResolveError(host, error.strerror) from None
    request = make_request(host, address, family_of(af).version, **settings)
    method = open_method(request)
    return trace_record(request, list(hops(request, method)))


def default_packet_length(family, method):
    """traceroute's default: the IP header plus 40 (DCCP: plus 20)."""
    return family.header_length + (20 if method == "dccp" else 40)


def hops(request, method):
    """Generate the TraceHop records of a trace as they complete (see open_method)."""
    records = HopRecords(request)
    for slots in schedule.run(method, timing(request)):
        yield records.hop(slots)


def timing(request):
    """traceroute's schedule for `request` (see probe.schedule)."""
    return schedule.Timing(request.first_hop, request.max_hops, request.queries,
                           request.in_flight, *request.wait, request.sendwait)


class HopRecords:
    """TraceHop records from a hop's done Slots, responders named as traceroute does.

    `names` caches reverse lookups (address -> name or None); traces may
    share one.
    """

    def __init__(self, request, names=None):
        self.request = request
        self.names = {} if names is None else names
        self.as_of = None
        if request.as_lookup:
            from pynettools.asn import AsLookup

            self.as_of = AsLookup(request.as_server)

    def hop(self, slots):
        return TraceHop(slots[0].ttl, tuple(_probe(self.request, slot, self.names, self.as_of)
                                            for slot in slots))


def open_method(request, poller=None):
    """The probing method for `request`, its shared sockets open.

    -I tries a raw socket first, then (unless `privileged` forces raw) an
    unprivileged ICMP datagram socket, as traceroute does; when neither may
    be opened, the raw socket's refusal is reported.  Its sockets join
    `poller` (a `probe.poller.Poller`; a new one when None).
    """
    family = family_of(request.family)
    if request.method in ("tcp", "raw") or (request.method == "icmp" and
                                            request.privileged is not False):
        from pynettools.probe.raw import RawMethod

        try:
            return RawMethod(family, request, poller)
        except SocketCallError:
            if request.method != "icmp" or request.privileged or not _ping_allowed(family):
                raise
    from pynettools.probe.datagram import DatagramMethod

    kind = {"udp-fixed": "udp"}.get(request.method, request.method)
    return DatagramMethod(family, request.address, kind, request.port,
                          request.method != "udp" or request.paris, request.packet_length,
                          request.options, request.discover_mtu, unconnected=request.paris,
                          poller=poller)


def _ping_allowed(family):
    try:
        socket.socket(family.af, socket.SOCK_DGRAM, family.icmp_protocol).close()
    except OSError:
        return False
    return True


def _probe(request, slot, names, as_of):
    reply = slot.reply
    if reply is None:
        return TraceProbe(None, None, None, None, None, "", False, slot.mtu, None, (), None)
    rtt = max(0.0, (reply.received_at - slot.sent_at) * 1000.0)
    name = None if request.numeric else responder_name(reply.address, names)
    return TraceProbe(reply.address, name, rtt, reply.icmp_type, reply.icmp_code,
                      reply.annotation, reply.final, slot.mtu,
                      _back_hops(reply.ttl, slot.ttl) if request.back else None,
                      tuple(MplsLabel(*label) for label in reply.mpls or ()
                            if request.extensions),
                      as_of(reply.address) if as_of else None)


def responder_name(address, names):
    """The responder's name from the system resolver (so /etc/hosts counts), or None."""
    if address not in names:
        try:
            names[address] = socket.getnameinfo((address, 0), socket.NI_NAMEREQD)[0]
        except (socket.gaierror, socket.herror, OSError):
            names[address] = None
    return names[address]


def _back_hops(arrival_ttl, forward_hops):
    """Hops on the way back, guessed from the TTL a reply arrived with.

    Senders start from 64, 128 or 255; the least of those above the arrival
    TTL is taken as the initial one.  None when it cannot be told or equals
    the forward hop count.
    """
    if not arrival_ttl:
        return None
    initial = next((start for start in (64, 128, 255) if arrival_ttl <= start), 255)
    back = initial - arrival_ttl + 1
    return back if back != forward_hops else None


def trace_record(request, hop_records):
    return Trace(request.target, request.address, request.family, request.method, request.port,
                 request.first_hop, request.max_hops, request.queries, request.packet_length,
                 hop_records)
