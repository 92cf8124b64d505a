"""pyservices: `getent services` over a services(5) file, and more.

Keys are answered exactly as getent answers them; the options beyond
getent (-f, -p, -s, --range, --listening, --json) select other files,
filters and views.
"""

import sys

from pynettools.cli.services.declaration import COMMAND  # noqa: F401 - the runner's
from pynettools.cli.services.status import ExitStatus, failure  # noqa: F401 - the runner's
from pynettools.errors import UsageError
from pynettools.models import ServiceLookup
from pynettools.output import write, write_bytes, write_lines
from pynettools.output.services import listening_lines, raw_service_text, service_line
from pynettools.services import ServicesDB


def execute(args):
    db = ServicesDB(args.file)
    ports = parse_range(args.range) if args.range is not None else None
    _check_combinations(args)
    if args.listening:
        from pynettools.sockets.listening import listening_sockets

        sockets = [sock for sock in listening_sockets(db)
                   if _in_selection(sock, args.protocol, ports)]
        _emit(args, {"file": db.path, "sockets": sockets}, lambda: listening_lines(sockets))
        return ExitStatus.OK
    if args.operands:
        lookups = [ServiceLookup(key, db.lookup(key, args.protocol)) for key in args.operands]
        _emit(args, {"file": db.path, "lookups": lookups},
              lambda: (service_line(found.entry) for found in lookups if found.entry))
        return ExitStatus.NOT_FOUND if any(found.entry is None for found in lookups) \
            else ExitStatus.OK
    if not args.json and args.protocol is None and args.search is None and ports is None:
        _stream(db)
        return ExitStatus.OK
    entries = db.select(args.protocol, args.search, ports)
    _emit(args, {"file": db.path, "entries": entries}, lambda: map(service_line, entries))
    return ExitStatus.OK


def _stream(db):
    """The whole file as getent lists it, streamed block by block: any size.

    Each line makes a few objects that die with its block and no reference
    cycle; the cyclic collector would scan each block's survivors again and
    again (half the time of a million-line listing), so it is off meanwhile.
    """
    import gc

    from pynettools.services_blocks import blocks

    gc.disable()
    try:
        for block in blocks(db):
            write_bytes(raw_service_text(block))
    finally:
        gc.enable()


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
        from pynettools.output.jsonout import dumps, tagged

        write(dumps(tagged("pyservices", document)))
    else:
        write_lines(text_lines())
    sys.stdout.flush()
