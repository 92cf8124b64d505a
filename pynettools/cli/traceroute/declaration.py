"""pytraceroute's declaration: Linux traceroute 2.1's options, parsed in its
"clif" style (see `pynettools.cli.clif`), plus --json, --json-schema, --paris,
--as-server, --report (mtr's report) and --targets (many traces at once).

Option arguments are converted as traceroute converts them, while parsing.
"""

import _socket as socket  # the C module: `socket` costs ~15 ms of enum set-up

from pynettools.cli.clif import ClifCommand, RunOnComplaint, strtod, strtol
from pynettools.cli.options import Option, json_schema_option

SYNOPSIS = ("[ -46dFITnreAUDV ] [ -f first_ttl ] [ -g gate,... ] [ -i device ] [ -m max_ttl ] "
            "[ -N squeries ] [ -p port ] [ -t tos ] [ -l flow_label ] [ -w MAX,HERE,NEAR ] "
            "[ -q nqueries ] [ -s src_addr ] [ -z sendwait ] [ --fwmark=num ] host [ packetlen ]")
ARGUMENTS = """\
Arguments:
+     host          The host to traceroute to
      packetlen     The full packet length (default is the length of an IP
                    header plus 40). Can be ignored or increased to a minimal
                    allowed value"""


def _wait_spec(text):
    """-w MAX[,HERE[,NEAR]]: parts not given are 0."""
    parts = text.split(",")
    if len(parts) > 3:
        raise ValueError("")
    return tuple(strtod(part) for part in parts) + (0.0,) * (3 - len(parts))


def _address_option(text):
    try:
        return socket.getaddrinfo(text.encode("utf-8", "surrogateescape"), None, 0,
                                  socket.SOCK_DGRAM)[0][4][0]
    except socket.gaierror as error:
        raise ValueError("%s: %s" % (text, error.strerror)) from None


def _gateways(text, so_far):
    """-g: the words so far plus this argument's, comma separated.

    As traceroute: the first word is taken even when empty, later empty
    ones are skipped; no more than 127 words in all.
    """
    first, *rest = text.split(",")
    words = so_far + [first] + [word for word in rest if word]
    if len(words) > 127:
        raise RunOnComplaint("Too many gateways specified.")
    return words


def _protocol_number(text):
    try:
        return strtol(text)
    except ValueError:
        raise ValueError("!Cannot handle `protocol' keyword with arg `%s' (argc 1)" % text) \
            from None


def _host(text, values):
    from pynettools.tracing import resolve

    try:
        af, address = resolve(text, 6 if values.ipv6 else 4 if values.ipv4 else None)
    except socket.gaierror as error:
        raise ValueError("%s: %s" % (text, error.strerror)) from None
    return text, af, address


def _packet_length(text, values):
    return strtol(text)


def _positive(convert):
    """A converter that takes only values above 0."""

    def positive(text):
        value = convert(text)
        if not value > 0:
            raise ValueError("")
        return value

    return positive


COMMAND = ClifCommand(
    prog="pytraceroute",
    operands="host [ packetlen ]",
    summary="print the route packets trace to network host",
    options=[
        Option("4", None, "Use IPv4", dest="ipv4"),
        Option("6", None, "Use IPv6", dest="ipv6"),
        Option("d", "debug", "Enable socket level debugging"),
        Option("F", "dont-fragment", "Do not fragment packets"),
        Option("f", "first", "Start from the first_ttl hop (instead from 1)", metavar="first_ttl"),
        Option("g", "gateway", "Route packets through the specified gateway (maximum 8 for "
               "IPv4 and 127 for IPv6)", metavar="gate,...", repeat=True, completes="host"),
        Option("I", "icmp", "Use ICMP ECHO for tracerouting"),
        Option("T", "tcp", "Use TCP SYN for tracerouting (default port is 80)"),
        Option("i", "interface", "Specify a network interface to operate with",
               metavar="device", completes="interface"),
        Option("m", "max-hops", "Set the max number of hops (max TTL to be reached). Default "
               "is 30", metavar="max_ttl"),
        Option("N", "sim-queries", "Set the number of probes to be tried simultaneously "
               "(default is 16)", metavar="squeries"),
        Option("n", None, "Do not resolve IP addresses to their domain names", dest="numeric"),
        Option("p", "port", "Set the destination port to use. It is either initial udp port "
               "value for \"default\" method (incremented by each probe, default is 33434), or "
               "initial seq for \"icmp\" (incremented as well, default from 1), or some "
               "constant destination port for other methods (with default of 80 for \"tcp\", "
               "53 for \"udp\", etc.)", metavar="port"),
        Option("t", "tos", "Set the TOS (IPv4 type of service) or TC (IPv6 traffic class) "
               "value for outgoing packets", metavar="tos"),
        Option("l", "flowlabel", "Use specified flow_label for IPv6 packets",
               metavar="flow_label"),
        Option("w", "wait", "Wait for a probe no more than HERE (default 3) times longer than "
               "a response from the same hop, or no more than NEAR (default 10) times than "
               "some next hop, or MAX (default 5.0) seconds (float point values allowed too)",
               metavar="MAX,HERE,NEAR"),
        Option("q", "queries", "Set the number of probes per each hop. Default is 3",
               metavar="nqueries"),
        Option("r", None, "Bypass the normal routing and send directly to a host on an "
               "attached network", dest="dont_route"),
        Option("s", "source", "Use source src_addr for outgoing packets", metavar="src_addr",
               completes="host"),
        Option("z", "sendwait", "Minimal time interval between probes (default 0). If the "
               "value is more than 10, then it specifies a number in milliseconds, else it is "
               "a number of seconds (float point values allowed too)", metavar="sendwait"),
        Option("e", "extensions", "Show ICMP extensions (if present), including MPLS"),
        Option("A", "as-path-lookups", "Perform AS path lookups in routing registries and "
               "print results directly after the corresponding addresses"),
        Option("M", "module", "Use specified module (either builtin or external) for "
               "traceroute operations. Most methods have their shortcuts (`-I' means `-M "
               "icmp' etc.)", metavar="name",
               choices=("default", "icmp", "tcp", "udp", "udplite", "tcpconn", "dccp", "raw")),
        Option("O", "options", "Use module-specific option OPTS for the traceroute module. "
               "Several OPTS allowed, separated by comma. If OPTS is \"help\", print info "
               "about available options", metavar="OPTS,...", repeat=True),
        Option(None, "sport", "Use source port num for outgoing packets. Implies `-N 1'",
               metavar="num"),
        Option(None, "fwmark", "Set firewall mark for outgoing packets", metavar="num"),
        Option("U", "udp", "Use UDP to particular port for tracerouting (instead of "
               "increasing the port per each probe), default port is 53"),
        Option("UL", None, "Use UDPLITE for tracerouting (default dest port is 53)",
               dest="udplite"),
        Option("D", "dccp", "Use DCCP Request for tracerouting (default port is 33434)"),
        Option("P", "protocol", "Use raw packet of protocol prot for tracerouting",
               metavar="prot"),
        Option(None, "mtu", "Discover MTU along the path being traced. Implies `-F -N 1'"),
        Option(None, "back", "Guess the number of hops in the backward path and print if it "
               "differs"),
        Option(None, "paris", "Keep every probe's flow identifiers (addresses, ports, "
               "protocol, TOS, flow label) the same, so load balancers send all probes one way",
               extension=True),
        Option(None, "as-server", "Ask the DNS server at ADDR for -A (default: the system "
               "resolver's)", metavar="ADDR", extension=True, completes="host"),
        Option(None, "json", "Print the trace as JSON Lines: a line per hop as soon as it is "
               "complete, then a closing line", extension=True),
        json_schema_option("Print the JSON Schema of the --json output and exit"),
        Option(None, "report", "Print mtr's report instead of the trace: Loss%, Snt, Last, Avg, "
               "Best, Wrst and StDev per hop over --cycles rounds of one probe to every hop",
               extension=True),
        Option(None, "cycles", "Rounds of probes for --report (default 10)", metavar="N",
               extension=True),
        Option(None, "interval", "Seconds one round of --report takes (default 1, float point "
               "values allowed too)", metavar="SECONDS", extension=True),
        Option(None, "targets", "Trace every host listed in FILE, one a line (`-' for the "
               "standard input), all at once; each trace is printed whole when it is done",
               metavar="FILE", extension=True, completes="file"),
        Option(None, "rate", "Send no more than PPS probes per second over all --targets "
               "(default 1000)", metavar="PPS", extension=True),
        Option("V", "version", "Print version info and exit", action="version"),
        Option(None, "help", "Read this help and exit", action="help"),
    ],
    original="traceroute",
    operand_completions=("host",),
    converters={
        "first": strtol, "max_hops": strtol, "sim_queries": strtol, "port": strtol,
        "tos": strtol, "flowlabel": strtol, "queries": strtol, "sport": strtol,
        "fwmark": strtol, "wait": _wait_spec, "sendwait": strtod, "source": _address_option,
        "gateway": _gateways, "protocol": _protocol_number, "cycles": _positive(strtol),
        "interval": _positive(strtod), "rate": _positive(strtod),
    },
    operand_names=("host", "packetlen"),
    operand_converters=(_host, _packet_length),
    usage_synopsis=SYNOPSIS,
    arguments_help=ARGUMENTS,
    accumulating=("gateway",),
    first_operand_from="targets",
)
