"""pytcpdump: tcpdump 4.99.3's command line over pynettools' capture, filter and printer.

The run follows tcpdump's main() after getopt: -D lists the interfaces; the
-t, -f, -V/-r checks; then one of three modes:

- file mode (-r FILE or -V LIST): each savefile's banner on stderr, the filter
  compiled for its link type, its packets through the filter into the sink;
- -d without -r or -i: the program compiled for Ethernet ("Warning: assuming
  Ethernet") or -y's link type, printed, and exit;
- live mode, everything else: `pynettools.cli.tcpdump.live.run(args, sink)`.

The live interface (pynettools/cli/tcpdump/live.py, the live capture's own
module): run(args, sink) -> ExitStatus.  `args` is the parsed command line
(see `declaration`: `args.interface`, `args.snaplen`, `args.direction`, ...;
`declaration.filter_expression(args)` is the expression); `sink` is a
`sink.Sink` that has not been started.  run() opens the interface, compiles
the filter with `program.compile_program(args, expression, linktype,
snaplen, LIVE)` (with -d: `program.print_program(args, program)` and
return), prints tcpdump's banners, calls sink.start(linktype, snaplen),
feeds each accepted packet to sink.take()
until it returns False, -c or SIGINT, calls sink.finish() and prints the
statistics with sink.captured.  -D, -L, -J, -Z, -p, -Q, -B, -I, -i and
--immediate-mode are its options.
"""

import sys

from pynettools.cli.tcpdump.declaration import COMMAND  # noqa: F401 - the runner's
from pynettools.cli.tcpdump.declaration import Complaint, filter_expression
from pynettools.cli.tcpdump.program import compile_program, print_program
from pynettools.cli.tcpdump.status import ExitStatus, failure  # noqa: F401 - the runner's
from pynettools.errors import CaptureFileError, UnsupportedError
from pynettools.output import write

# --fp-type: what tcpdump's float_type_check prints with IEEE 754 arithmetic
FP_TYPE_LINE = "9877.895\n"
# options tcpdump has whose effect is not built here (the man page lists them)
NOT_BUILT = (
    ("packet_type", "-T", "printing packets as another protocol"),
)


def execute(args):
    if args.action == "fp-type":
        write(FP_TYPE_LINE)
        return ExitStatus.OK
    if args.list_interfaces:
        return _live(args)
    _check(args)
    if args.read_file is not None or args.file_list is not None:
        return read_files(args, _savefile_names(args))
    if args.dump_program and args.interface is None:
        return _dump_dead(args)
    return _live(args)


def _live(args):
    from pynettools.cli.tcpdump import live, owners
    from pynettools.cli.tcpdump.sink import Sink

    sink = Sink(args)
    with owners.service(args) as sink.owners:  # --owners: its helper forked before -Z
        return live.run(args, sink)


def _check(args):
    """tcpdump's checks after getopt, then the options not built here."""
    from pynettools.cli.tcpdump import owners

    if args.timestamps > 5:
        raise Complaint("only -t, -tt, -ttt, -tttt and -ttttt are supported")
    if args.foreign and (args.file_list is not None or args.read_file is not None):
        raise Complaint("-f can not be used with -V or -r")
    if args.file_list is not None and args.read_file is not None:
        raise Complaint("-V and -r are mutually exclusive.")
    owners.check(args)
    for dest, spelling, detail in NOT_BUILT:
        if getattr(args, dest):
            raise UnsupportedError(spelling, detail)


def _dump_dead(args):
    from pynettools.bpf import DEAD
    from pynettools.capture import linktypes

    linktype = args.linktype
    if linktype is None:
        write("Warning: assuming Ethernet\n", sys.stderr)
        linktype = linktypes.ETHERNET
    print_program(args, compile_program(args, filter_expression(args),
                                        linktypes.from_dlt(linktype),
                                        args.snaplen or linktypes.DEFAULT_MAX_SNAPLEN, DEAD))
    return ExitStatus.OK


def _savefile_names(args):
    """-r's one name, or -V's file of names (one a line), read lazily as tcpdump reads it."""
    if args.read_file is not None:
        yield args.read_file
        return
    from pynettools.cli.tcpdump.savefiles import listed_names

    yield from listed_names(args.file_list)


def read_files(args, names):
    """File mode: every savefile named, in turn, through one filter into one sink.

    SIGINT, SIGTERM and SIGHUP (unless nohup ignores it) stop the reading as
    tcpdump's cleanup() does: a newline after the lines printed, status 0.
    """
    import _signal  # the C module: `signal` builds an enum of every signal

    from pynettools.cli.tcpdump.sink import Sink

    stopping = [_signal.SIGINT, _signal.SIGTERM]
    if _signal.getsignal(_signal.SIGHUP) != _signal.SIG_IGN:
        stopping.append(_signal.SIGHUP)
    previous = [(signum, _signal.signal(signum, _signal.default_int_handler))
                for signum in stopping]
    sink = Sink(args)
    status = ExitStatus.OK
    try:
        status = _read_all(args, names, sink)
    except KeyboardInterrupt:
        if args.write_file is None:
            sink.emit("\n")  # tcpdump's "perhaps we didn't finish a line"
    finally:
        for signum, handler in previous:
            _signal.signal(signum, handler)
    sink.finish(count_line=True)
    return status


def _read_all(args, names, sink):
    """The files in turn; the status is the last file's (1 when it was cut short)."""
    from pynettools.cli.tcpdump.savefiles import open_named, say_reading

    status = ExitStatus.OK
    expression = program = linktype = None
    for name in names:
        reader = open_named(name)
        if expression is None:  # tcpdump reads -F after opening the first file
            say_reading(name, reader)
            expression = filter_expression(args)
        elif reader.linktype != linktype and args.write_file is not None:
            raise Complaint("%s: new dlt does not match original" % name)
        if reader.linktype != linktype:
            first = linktype is None
            linktype = reader.linktype
            program = _file_program(args, expression, reader)
            if args.dump_program:
                print_program(args, program)
                return status
            if first:
                _drop_privileges(args)
        if sink.started:
            say_reading(name, reader)
        sink.start(linktype, reader.snaplen)
        status = _feed(reader, program, sink)
        if sink.over:
            break
    return status


def _drop_privileges(args):
    """tcpdump's droproot() after the first file is open, where it shows: the -w
    files then belong to the user, -V's next files are opened as the user, and
    -Z names one that must exist.  Without them the drop changes nothing a run
    prints, and is not worth its imports (see `privileges`)."""
    from pynettools.cli.tcpdump import privileges

    if args.write_file is not None or args.file_list is not None or args.user is not None:
        privileges.drop_for(args)


def _file_program(args, expression, reader):
    """The program for the savefile's link type; None when no expression is given
    and -d does not ask for it (it would accept every packet: not worth
    compiling), unless libpcap would refuse the link type outright."""
    from pynettools.bpf import SAVEFILE
    from pynettools.bpf.linklayer import MATCHING_MAX

    if not expression.strip() and not args.dump_program and reader.linktype <= MATCHING_MAX:
        return None
    return compile_program(args, expression, reader.linktype, reader.snaplen, SAVEFILE)


def _feed(reader, program, sink):
    """The savefile's packets the program accepts, into the sink, until it says stop.

    A file cut short is said as tcpdump says it after pcap_loop (the lines
    before it first), and the next file of -V is read all the same.
    """
    try:
        sink.drain(reader, program)
    except CaptureFileError as error:
        sink.flush()
        said = failure(CaptureFileError("pcap_loop: " + error.reason))
        said.write()
        return said.status
    return ExitStatus.OK
