"""From parsed traceroute options to a checked `tracing.Request`.

The checks run in traceroute's order, each with its words and exit status 2;
options that only print something (`-O help`) come back as text.  Those
that do not depend on the target (`check_options`) run once, also for
--targets; `target_request` makes each target's Request.
"""

import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up

from pynettools.cli.clif import strtol
from pynettools.errors import UsageError
from pynettools.models import record
from pynettools.probe.family import family_of
from pynettools.tracing import MAX_PACKET, default_packet_length, make_request

MODULES = {"default": "udp", "udp": "udp-fixed", "udplite": "udplite", "icmp": "icmp",
           "tcp": "tcp", "tcpconn": "tcpconn", "dccp": "dccp", "raw": "raw"}
DEFAULT_WAIT = (5.0, 3.0, 10.0)
# Options with no place in mtr's report (dests): -q, --mtu, --back, -A, -e, --targets.
REPORT_REFUSES = ("queries", "mtu", "back", "as_path_lookups", "extensions", "targets")
NO_MODULE_OPTIONS = "No options for module `%s'\n"
ICMP_OPTIONS = """\
  raw                         Use raw sockets way only. Default is try this way
                              first (probably not allowed for unprivileged
                              users), then try dgram
  dgram                       Use dgram sockets way only. May be not
                              implemented by old kernels or restricted by
                              sysadmins
Only one of these may be specified:
    raw | dgram
"""


def _unsigned(value):
    """A C int read as unsigned, as traceroute's range checks read it."""
    return value & 0xFFFFFFFF


def _module(args):
    """traceroute's module name; the shortcut flags override -M as traceroute's do."""
    for flag, name in (("icmp", "icmp"), ("tcp", "tcp"), ("udp", "udp"), ("udplite", "udplite"),
                       ("dccp", "dccp")):
        if getattr(args, flag):
            return name
    if args.protocol is not None:
        return "raw"
    return args.module or "default"


def _check_ranges(args, max_hops, first_hop, queries):
    if _unsigned(max_hops) > 255:
        raise UsageError("max hops cannot be more than 255")
    if not 1 <= _unsigned(first_hop) <= _unsigned(max_hops):
        raise UsageError("first hop out of range")
    if not 1 <= _unsigned(queries) <= 10:
        raise UsageError("no more than 10 probes per hop")
    wait = args.wait if args.wait is not None else DEFAULT_WAIT
    if any(part < 0 for part in wait):
        raise UsageError("bad wait specifications `%s' used" % ",".join(_g(part) for part in wait))
    if args.sendwait is not None and args.sendwait < 0:
        raise UsageError("bad sendtime `%s' specified" % _g(args.sendwait))
    return wait


def _g(number):
    """C's %g."""
    return "%g" % number


def _module_help(name):
    if name == "icmp":
        return ICMP_OPTIONS
    return NO_MODULE_OPTIONS % ("default" if name in ("default", "tcp") else name)


Settings = record("Settings", "method max_hops first_hop queries wait given_length")
Settings.__doc__ = """What the command line sets for every target, checked (see check_options)."""


def check_options(args):
    """The checks that do not depend on the target: (Settings, None), or (None, the
    text to print) for `-O help`."""
    _check_modes(args)
    module = _module(args)
    if "help" in ",".join(args.options).split(","):
        return None, _module_help(module)
    if not args.operands:
        raise UsageError('Specify "host" missing argument.')
    if module not in MODULES:
        raise UsageError("Unknown traceroute module %s" % module)
    max_hops = 30 if args.max_hops is None else args.max_hops
    first_hop = 1 if args.first is None else args.first
    queries = 3 if args.queries is None else args.queries
    wait = _check_ranges(args, max_hops, first_hop, queries)
    given_length = args.operands[1] if len(args.operands) > 1 else None
    if given_length is not None and _unsigned(given_length) > MAX_PACKET:
        raise UsageError("too big packetlen %d specified" % given_length)
    return Settings(MODULES[module], max_hops, first_hop, queries, wait, given_length), None


def target_request(args, settings, operand):
    """The Request for one target, the operand (host, af, address) as parsed."""
    target, af, address = operand
    family = family_of(af)
    if args.source is not None and (":" in args.source) != (family.version == 6):
        raise UsageError("IP version mismatch in addresses specified")
    source_route = _source_route(args.gateway, family, address)
    packet_length = _packet_length(args, settings.given_length, family, settings.method,
                                   len(source_route))
    return _request(args, target, family, address, settings, packet_length, source_route)


def _check_modes(args):
    """--report and --targets take options of their own and refuse some of traceroute's."""
    if args.report:
        for dest in REPORT_REFUSES:
            _refuse(args, dest, "cannot be used with `--report'")
    else:
        for dest in ("cycles", "interval"):
            _refuse(args, dest, "needs `--report'")
    if args.targets is None:
        _refuse(args, "rate", "needs `--targets'")


def _refuse(args, dest, complaint):
    if dest in args.given:
        spelled, argc = args.given[dest]
        raise UsageError("Option `%s' (argc %d) %s" % (spelled, argc, complaint))


def _source_route(words, family, target):
    """-g's option bytes (b"" without -g), its gateways resolved in the target's family.

    For IPv6 a leading number, when more words follow, is the routing
    header's type.
    """
    if not words:
        return b""
    from pynettools.probe import source_route  # only for -g

    if family.version == 4:
        if len(words) > 8:
            raise UsageError("Too many gateways specified. No more than 8")
        return source_route.ipv4_option(_resolved(words, family), target)
    route_type = source_route.DEFAULT_IPV6_TYPE
    if len(words) > 1:
        try:
            route_type, words = strtol(words[0]), words[1:]
        except ValueError:
            pass
    return source_route.ipv6_header(_resolved(words, family), route_type)


def _resolved(words, family):
    addresses = []
    for word in words:
        try:
            addresses.append(socket.getaddrinfo(word.encode("utf-8", "surrogateescape"), None,
                                                family.af, socket.SOCK_DGRAM)[0][4][0])
        except socket.gaierror as error:
            raise UsageError("%s: %s\n" % (word, error.strerror)) from None
    return addresses


def _packet_length(args, given, family, method, options_length):
    """The whole packet's length; `options_length`: -g's, part of the IP header."""
    if method in ("tcp", "dccp"):  # fixed sizes: a given length is ignored
        return default_packet_length(family, method) + options_length
    if given is None:
        return MAX_PACKET if args.mtu else \
            default_packet_length(family, method) + options_length
    return max(given, family.header_length + options_length + (0 if method == "raw" else 8))


def _sendwait(value):
    if not value:
        return 0.0
    return value / 1000.0 if value > 10 else value


def _request(args, target, family, address, settings, packet_length, source_route):
    return make_request(
        target, address, family.version, settings.method, port=args.port,
        first_hop=settings.first_hop, max_hops=settings.max_hops, queries=settings.queries,
        in_flight=16 if args.sim_queries is None else args.sim_queries, wait=settings.wait,
        sendwait=_sendwait(args.sendwait), packet_length=packet_length,
        numeric=bool(args.numeric), tos=args.tos or 0,
        dont_fragment=bool(args.dont_fragment), source=args.source,
        source_port=args.sport, interface=args.interface, fwmark=args.fwmark or 0,
        dont_route=bool(args.dont_route), flow_label=args.flowlabel or 0,
        debug=bool(args.debug), discover_mtu=bool(args.mtu), back=bool(args.back),
        extensions=bool(args.extensions), as_lookup=bool(args.as_path_lookups),
        as_server=args.as_server, paris=bool(args.paris), privileged=_privileged(args),
        protocol=args.protocol, source_route=source_route)


def _privileged(args):
    """-I's socket: True (-O raw), False (-O dgram) or None (raw, else dgram)."""
    keywords = ",".join(args.options).split(",")
    if "dgram" in keywords:
        return False
    return True if "raw" in keywords else None
