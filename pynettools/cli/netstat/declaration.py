"""pynetstat's declaration: net-tools netstat 2.10's options and complaint style.

The command line is parsed as netstat parses it (getopt_long over netstat's
own option table, acting on -A, -Z and the address-family options as they
come); `command` then runs one mode.  `args` is the parsed namespace: one
attribute per option dest (flags are True or None; `extend` and `verbose`
count their repeats, so `-ee` is 2), plus `args.address_families`: the
families named by -A, -4, -6, -x and the `--<af>` options, in order, as
netstat's afname ("inet", "inet6", "unix", "ax25", ...); empty when none
was named.
"""

import sys

from pynettools.cli.options import Command, Option, describe_option_error, json_schema_option
from pynettools.errors import OptionError, UsageError
from pynettools.output import write

USAGE = """\
usage: %(prog)s [-vWeenNcCF] [<Af>] -r         %(prog)s {-V|--version|-h|--help}
       %(prog)s [-vWnNcaeol] [<Socket> ...]
       %(prog)s { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB
        -Z, --context            display SELinux security context for sockets

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
"""

# netstat always writes this list to stderr, even when the usage goes to stdout.
ROUTING_FAMILIES = """\
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
"""

# The names -A accepts and the family each stands for (net-tools' aftrans table).
FAMILY_ALIASES = {
    "ax25": "ax25", "ip": "inet", "ip6": "inet6", "ipx": "ipx", "rose": "rose",
    "appletalk": "ddp", "netrom": "netrom", "inet": "inet", "inet6": "inet6", "ddp": "ddp",
    "unix": "unix", "tcpip": "inet", "econet": "ec", "x25": "x25", "ash": "ash",
    "bluetooth": "bluetooth",
}
AFNAME_SIZE = 256  # netstat keeps the family list in a char[256]


class ShowUsage(UsageError):
    """netstat's usage text on stderr and its usage status, with no message of its own."""

    def __init__(self):
        super().__init__("")


class Complaint(UsageError):
    """A line netstat prints as it is, without the program name, then fails (status 1)."""


class NetstatCommand(Command):
    """The declaration, with netstat's own usage text and complaint style."""

    def __init__(self, *args, parse_options, **kwargs):
        super().__init__(*args, **kwargs)
        # netstat's getopt table lists --unix twice; only the parser sees both.
        self.parse_options = tuple(parse_options)

    def parse(self, argv):
        from pynettools.cli.options import parse

        values = parse(self.parse_options, argv)
        if not hasattr(values, "address_families"):
            values.address_families = []
        return values

    def usage(self):
        return USAGE % {"prog": self.prog}

    def additions(self):
        """What --help adds after netstat's text: the options netstat lacks, in its layout."""
        lines = ["%-25s%s" % ("--" + option.long, option.help)
                 for option in self.options if option.extension]
        return "\n  Beyond netstat (pynettools):\n" + "".join(
            "        %s\n" % line for line in lines)

    def error_lines(self, error):
        if isinstance(error, Complaint):
            return [error.message]
        lines = [] if isinstance(error, ShowUsage) else [
            self.prog + ": " + (describe_option_error(error)
                                if isinstance(error, OptionError) else error.message)]
        return lines + (self.usage() + ROUTING_FAMILIES).splitlines()


def _name_families(values, text):
    """What netstat's aftrans_opt does with `-A text`: add to the family list."""
    names = getattr(values, "address_families", [])
    length = len(",".join(names))
    for alias in text[:AFNAME_SIZE - 1].split(","):
        if alias not in FAMILY_ALIASES:
            raise Complaint("Unknown address family `%s'." % alias)
        name = FAMILY_ALIASES[alias]
        if len(name) + length + 1 >= AFNAME_SIZE:
            write("Too much address family arguments.\n", sys.stderr)
            break
        length += len(name) + (1 if names else 0)
        names = names + [name]
    values.address_families = names


def _family(alias):
    return lambda values, _value: _name_families(values, alias)


def _long_family(name):
    """A `--<af>` option: netstat treats all of them as one getopt entry."""
    return Option(None, name, "select address family %s" % FAMILY_ALIASES[name],
                  dest="af_" + name, on_parse=_family(name), getopt_entry="--<af>")


def _tcpip_is_out_of_range(values, _value):
    # netstat's table of family options is one entry longer than it counts.
    write("netstat.c: Internal Error `longopts 1 range'.\n", sys.stderr)


def _question_mark(values, _value):
    raise ShowUsage()


def _context(values, _value):
    import os

    if os.path.exists("/sys/fs/selinux/enforce"):
        raise Complaint("SELinux is not enabled for this application.")
    raise Complaint("SELinux is not enabled on this machine.")


FAMILY_OPTIONS = [_long_family(name) for name in (
    "ax25", "x25", "ip", "ipx", "appletalk", "netrom", "inet", "inet6", "ddp", "rose")]
UNIX_FAMILY = _long_family("unix")
LATER_FAMILY_OPTIONS = [
    _long_family("bluetooth"),
    Option(None, "tcpip", "accepted and ignored, with netstat's internal-error message",
           on_parse=_tcpip_is_out_of_range, getopt_entry="--<af>"),
]
OPTIONS = [
    Option("V", "version", "print program version", action="version"),
    Option("i", "interfaces", "display interface table"),
    Option("h", "help", "print the usage text", action="show-usage"),
    Option("r", "route", "display routing table"),
    Option("M", "masquerade", "display masqueraded connections"),
    Option("A", "protocol", "select address families (comma-separated: inet, inet6, unix, ...)",
           metavar="AF", on_parse=lambda values, text: _name_families(values, text),
           choices=tuple(FAMILY_ALIASES)),
    Option("t", "tcp", "TCP sockets"),
    Option("S", "sctp", "SCTP sockets"),
    Option("u", "udp", "UDP sockets"),
    Option("U", "udplite", "UDP-Lite sockets"),
    Option("w", "raw", "raw sockets"),
    Option("x", "unix", "UNIX domain sockets", on_parse=_family("unix")),
    Option("2", "l2cap", "Bluetooth L2CAP sockets"),
    Option("f", "rfcomm", "Bluetooth RFCOMM sockets"),
    Option("l", "listening", "display listening server sockets"),
    Option("a", "all", "display all sockets (default: connected)"),
    Option("o", "timers", "display timers"),
    Option("c", "continuous", "continuous listing"),
    Option("e", "extend", "display other/more information", repeat=True),
    Option("p", "programs", "display PID/Program name for sockets"),
    Option("v", "verbose", "be verbose", repeat=True),
    Option("s", "statistics", "display networking statistics (like SNMP)"),
    Option("W", "wide", "don't truncate IP addresses"),
    Option("n", "numeric", "don't resolve names"),
    Option(None, "numeric-hosts", "don't resolve host names"),
    Option(None, "numeric-ports", "don't resolve port names"),
    Option(None, "numeric-users", "don't resolve user names"),
    Option("N", "symbolic", "resolve hardware names"),
    Option("C", "cache", "display routing cache instead of FIB"),
    Option("F", "fib", "display Forwarding Information Base (default)"),
    Option("g", "groups", "display multicast group memberships"),
    Option("Z", "context", "display SELinux security context for sockets", on_parse=_context),
    Option("d", None, "accepted and ignored, as netstat does", dest="debug"),
    Option("4", None, "IPv4 only: as -A inet", dest="ipv4", on_parse=_family("inet")),
    Option("6", None, "IPv6 only: as -A inet6", dest="ipv6", on_parse=_family("inet6")),
    Option("?", None, "print the usage text on stderr, status 3", dest="question",
           on_parse=_question_mark),
    Option(None, "json", "print JSON instead of text (with -c: one line a pass)",
           extension=True),
    json_schema_option(),
]

COMMAND = NetstatCommand(
    prog="pynetstat",
    operands="",
    summary="Print network connections, routing tables, interface statistics and\n"
            "multicast memberships, as net-tools netstat does.",
    options=FAMILY_OPTIONS + LATER_FAMILY_OPTIONS + OPTIONS,
    parse_options=FAMILY_OPTIONS + [UNIX_FAMILY] + LATER_FAMILY_OPTIONS + OPTIONS,
    original="netstat",
)
