"""mtr's report: cycles of one probe to every hop, loss and round trips per hop.  Never prints.

`report(...)` (also `pynettools.report`) resolves a host and runs the
cycles; `run(request, ...)` runs them for a checked `tracing.Request`, as
`pytraceroute --report` does.  The rounds and the figures are mtr 0.95's
(see `probe.cycles`); the probes are pytraceroute's methods.
"""

import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up
import time

from pynettools.errors import ResolveError
from pynettools.models import Report, ReportHop
from pynettools.probe import schedule
from pynettools.probe.cycles import Cycles, path_end
from pynettools.probe.family import family_of
from pynettools.tracing import make_request, open_method, resolve, responder_name

DEFAULT_CYCLES = 10  # mtr's -c
DEFAULT_INTERVAL = 1.0  # mtr's -i, seconds
HOST_NAME_MAX = 127  # mtr keeps gethostname() in 128 bytes


def report(host, family=None, cycles=DEFAULT_CYCLES, interval=DEFAULT_INTERVAL, **settings):
    """Probe every hop to `host` `cycles` times, as `pytraceroute --report host` does.

    :param host: a host name or an IPv4/IPv6 address.
    :param family: 4 or 6 to resolve `host` in that family only; None takes
        the first IPv4 address when there is one, as traceroute does.
    :param cycles: rounds of probes (mtr's -c, default 10): each hop's Snt.
    :param interval: seconds a round takes (mtr's -i, default 1.0).
    :param settings: the keywords of `pynettools.tracing.make_request` (see
        `pynettools.tracing.traceroute`): method ("udp" by default, like
        `mtr -u`; "icmp" like plain mtr; "tcp" like `mtr -T`), port,
        first_hop, max_hops, wait (its first part, MAX, is how long a probe is
        waited for; default 5 s), numeric, tos, source, interface, ...
        queries, discover_mtu, back, extensions and as_lookup have no effect.
    :returns: a `pynettools.models.Report` whose hops are `ReportHop` records
        (Loss%, Snt, Last, Avg, Best, Wrst, StDev and the responders).
    :raises ResolveError: `host` does not resolve (in `family`).
    :raises PrivilegeError: the method needs a raw socket the process may not open.
    :raises SocketCallError: a socket call failed while probing.
    :raises UnsupportedError: the method cannot be used here (DCCP).
    :raises ValueError: `method` is not one of tracing.METHODS.
    """
    try:
        af, address = resolve(host, family)
    except socket.gaierror as error:
        raise ResolveError(host, error.strerror) from None
    request = make_request(host, address, family_of(af).version, **settings)
    return run(request, cycles, interval)


def run(request, cycles=DEFAULT_CYCLES, interval=DEFAULT_INTERVAL, on_cycle=None):
    """The Report of `cycles` rounds to `request`'s target; on_cycle(n) after round n."""
    method = open_method(request)
    rounds = Cycles(method, request.address, request.family, request.first_hop,
                    request.max_hops, cycles, interval, request.wait[0])
    started = time.time()
    for number in schedule.drive(rounds, method.poller):
        if on_cycle is not None:
            on_cycle(number)
    end = path_end(rounds.hops, request.max_hops, request.address)
    names = {}
    hops = tuple(_hop(request, ttl, rounds.hops[ttl - 1], names)
                 for ttl in range(request.first_hop, end + 1))
    return Report(request.target, request.address, request.family, request.method,
                  request.port, request.first_hop, request.max_hops, request.packet_length,
                  request.options.tos, cycles, interval, started, local_host_name(), hops)


def _hop(request, ttl, hop, names):
    def named(address):
        return None if address is None or request.numeric else responder_name(address, names)

    return ReportHop(ttl, hop.address, named(hop.address), tuple(hop.addresses),
                     tuple(named(address) for address in hop.addresses), hop.sent, hop.received,
                     hop.loss / 1000.0, hop.last / 1000.0, hop.average / 1000.0,
                     hop.best / 1000.0, hop.worst / 1000.0, hop.stdev / 1000.0, hop.error)


def local_host_name():
    """This host's name as mtr shows it after HOST:."""
    try:
        return socket.gethostname()[:HOST_NAME_MAX]
    except OSError:
        return "UNKNOWNHOST"
