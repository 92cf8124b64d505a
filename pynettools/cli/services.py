"""pyservices: `getent services` over a services(5) file, and more.

Keys are answered exactly as getent answers them; the options beyond
getent (-f, -p, -s, --range, --listening, --json) select other files,
filters and views.
"""

import sys

from pynettools.cli.options import ARGP_STANDARD, Command, Option
from pynettools.errors import UsageError
from pynettools.models import ServiceLookup
from pynettools.output import write, write_lines
from pynettools.output.services import listening_lines, service_line
from pynettools.services import DEFAULT_PATH, ServicesDB

NOT_FOUND = 2  # getent's status when a key is not found

COMMAND = Command(
    prog="pyservices",
    operands="[KEY...]",
    summary="Look up Internet services by name, alias, port, name/proto or port/proto,\n"
            "as `getent services' does; with no KEY, list them all.",
    options=[
        Option("f", "file", "read PATH instead of %s" % DEFAULT_PATH, metavar="PATH",
               extension=True, completes="file"),
        Option("p", "protocol", "only entries of protocol PROTO (KEYs without one use it)",
               metavar="PROTO", extension=True, choices=("tcp", "udp", "sctp", "ddp")),
        Option("s", "search", "list entries whose name, alias or comment contains TEXT",
               metavar="TEXT", extension=True),
        Option(None, "range", "list entries with ports from LOW to HIGH", metavar="LOW-HIGH",
               extension=True),
        Option(None, "listening", "show local listening sockets and their services",
               extension=True),
        Option(None, "json", "print one JSON document instead of text", extension=True),
        *ARGP_STANDARD,
    ],
    original="getent services",
    operand_completions=("service",),
    epilog="Exit status: 0 when every KEY was found, 2 when one was not, 64 for a bad\n"
           "command line, 1 when the file given with -f cannot be read.",
)


def execute(args):
    db = ServicesDB(args.file)
    ports = parse_range(args.range) if args.range is not None else None
    _check_combinations(args)
    if args.listening:
        from pynettools.sockets.listening import listening_sockets

        sockets = [sock for sock in listening_sockets(db)
                   if _in_selection(sock, args.protocol, ports)]
        _emit(args, {"file": db.path, "sockets": sockets}, lambda: listening_lines(sockets))
        return 0
    if args.operands:
        lookups = [ServiceLookup(key, db.lookup(key, args.protocol)) for key in args.operands]
        _emit(args, {"file": db.path, "lookups": lookups},
              lambda: (service_line(found.entry) for found in lookups if found.entry))
        return NOT_FOUND if any(found.entry is None for found in lookups) else 0
    entries = db.select(args.protocol, args.search, ports)
    _emit(args, {"file": db.path, "entries": entries}, lambda: map(service_line, entries))
    return 0


def parse_range(text):
    """`LOW-HIGH` (or one port) as a (low, high) pair of ports."""
    low, dash, high = text.partition("-")
    bounds = (low, high) if dash else (low, low)
    if not all(bound.isascii() and bound.isdigit() for bound in bounds):
        raise UsageError("invalid port range '%s'" % text)
    low, high = int(bounds[0]), int(bounds[1])
    if not low <= high <= 0xFFFF:
        raise UsageError("invalid port range '%s'" % text)
    return low, high


def _check_combinations(args):
    if args.operands and (args.search is not None or args.range is not None or args.listening):
        raise UsageError("KEY operands cannot be combined with --search, --range or --listening")
    if args.listening and args.search is not None:
        raise UsageError("--search cannot be combined with --listening")


def _in_selection(sock, protocol, ports):
    return (protocol is None or sock.protocol == protocol) and (
        ports is None or ports[0] <= sock.port <= ports[1])


def _emit(args, document, text_lines):
    if args.json:
        from pynettools.output.jsonout import dumps

        write(dumps(document))
    else:
        write_lines(text_lines())
    sys.stdout.flush()
