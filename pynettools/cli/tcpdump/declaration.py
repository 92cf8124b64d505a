"""pytcpdump's declaration: tcpdump 4.99.3's options, parsed and complained about as it does.

tcpdump parses with glibc getopt_long over SHORTOPTS and its longopts table
(operands and options mixed, `-vvv`, `-nn`, `-c5`, long prefixes), and it
checks each option's value in its switch, as getopt returns it: so `-c 0 -k`
says "invalid packet count 0", not "invalid option", and `-h` stops the
parse where it stands.  The checks here run the same way (`on_parse`) and
store the converted value (`-c 5` is 5, `-C 2` is 2000000 bytes).

The filter expression is the operands joined by spaces (tcpdump's
copy_argv), unless -F names a file.  `args` has one attribute per option
dest; counted flags (-v, -n, -t, -x, -X, -A, -d, -q, -D) count their repeats.

A bad option prints getopt's complaint, then the version and usage lines,
on stderr, status 1; -h and --help print those lines on stdout, status 0;
--version the version lines alone.
"""

from pynettools import __version__
from pynettools.cli.options import Command, Option, describe_option_error, json_schema_option
from pynettools.errors import OptionError, UsageError

MAXIMUM_SNAPLEN = 262144
VERSION_LINES = """\
%(prog)s version 4.99.3 (pynettools """ + __version__ + """)
libpcap version 1.10.3 (pynettools, with TPACKET_V3)
"""
USAGE = """\
Usage: %(prog)s [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
\t\t[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
\t\t[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
\t\t[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
\t\t[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
\t\t[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
\t\t[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
\t\t[ -z postrotate-command ] [ -Z user ] [ expression ]
"""
# libpcap's tstamp_type_choices: the names -j accepts.
TIME_STAMP_TYPES = ("host", "host_lowprec", "host_hiprec", "adapter", "adapter_unsynced",
                    "host_hiprec_unsynced")
# tcpdump's -T names (printing UDP as another protocol).
PACKET_TYPES = ("vat", "wb", "rpc", "rtp", "rtcp", "snmp", "cnfp", "tftp", "aodv", "carp",
                "radius", "zmtp1", "vxlan", "pgm", "pgm_zmtp1", "lmp", "resp", "ptp",
                "someip", "domain")
DIRECTIONS = ("in", "out", "inout")


class Complaint(UsageError):
    """A check of tcpdump's own: `tcpdump: MESSAGE`, status 1, no usage text."""


class ShowUsage(UsageError):
    """The usage text on stderr and status 1, with no message (tcpdump's default case)."""

    def __init__(self):
        super().__init__("")


# tcpdump's longopts table, in its order: glibc lists an ambiguous prefix's
# candidates in table order ("--n": nano, no-optimize, no-promiscuous-mode, number).
LONGOPTS_ORDER = (
    "buffer-size", "list-interfaces", "help", "interface", "monitor-mode", "time-stamp-type",
    "list-time-stamp-types", "micro", "nano", "time-stamp-precision", "dont-verify-checksums",
    "list-data-link-types", "no-optimize", "no-promiscuous-mode", "direction",
    "snapshot-length", "absolute-tcp-sequence-numbers", "packet-buffered", "linktype",
    "immediate-mode", "relinquish-privileges", "count", "fp-type", "number", "print",
    "version")


class TcpdumpCommand(Command):
    """The declaration, with tcpdump's usage text and complaint style."""

    def parse(self, argv):
        from pynettools.cli.options import parse

        order = {name: index for index, name in enumerate(LONGOPTS_ORDER)}
        return parse(sorted(self.options, key=lambda option: order.get(option.long, 99)),
                     argv)

    def version_text(self):
        return VERSION_LINES % {"prog": self.prog}

    def help_text(self):
        return self.version_text() + USAGE % {"prog": self.prog} + self.additions()

    def additions(self):
        """The options tcpdump lacks, in its usage's layout."""
        words = ["[ --%s%s ]" % (option.long, " " + option.metavar if option.metavar else "")
                 for option in self.options if option.extension]
        return "\t\t%s\n" % " ".join(words)

    def error_lines(self, error):
        if isinstance(error, Complaint):
            return [self.prog + ": " + error.message]
        lines = [] if isinstance(error, ShowUsage) else [
            self.prog + ": " + (describe_option_error(error)
                                if isinstance(error, OptionError) else error.message)]
        return lines + self.help_text().splitlines()


def _atoi(text):
    """C's atoi: leading blanks, a sign and the digits that follow; 0 if none."""
    stripped = text.lstrip(" \t\n\v\f\r")
    sign, digits = (-1, stripped[1:]) if stripped[:1] == "-" else (
        1, stripped[1:] if stripped[:1] == "+" else stripped)
    count = 0
    while count < len(digits) and digits[count] in "0123456789":
        count += 1
    return sign * int(digits[:count]) if count else 0


def _strtol(text, base=10):
    """C's strtol with the whole text required (tcpdump checks *end == '\\0'); None if not."""
    try:
        return int(text.strip(" \t\n\v\f\r") if text[:1].isspace() else text, base)
    except ValueError:
        return None


def _converted(dest, convert):
    """An on_parse that stores convert(text) under `dest` (it raises Complaint when wrong)."""

    def store(values, text):
        setattr(values, dest, convert(text))

    return store


def _checked_atoi(message, minimum):
    def convert(text):
        number = _atoi(text)
        if number < minimum:
            raise Complaint(message % text)
        return number

    return convert


def _buffer_size(text):
    size = _atoi(text) * 1024
    if size <= 0:
        raise Complaint("invalid packet buffer size %s" % text)
    return size


def _file_size(text):
    size = _strtol(text)
    if size is None or size <= 0 or size >= 2 ** 63:
        raise Complaint("invalid file size %s" % text)
    if size > (2 ** 63 - 1) // 1000000:
        raise Complaint("file size %s is too large" % text)
    return size * 1000000


def _snaplen(text):
    length = _strtol(text, 0)
    if length is None or not 0 <= length <= MAXIMUM_SNAPLEN:
        raise Complaint("invalid snaplen %s (must be >= 0 and <= %d)" % (text, MAXIMUM_SNAPLEN))
    return length


def _named(choices, message, casefold=True):
    def convert(text):
        name = text.lower() if casefold else text
        if name not in choices:
            raise Complaint(message % text)
        return name

    return convert


def _linktype(text):
    from pynettools.capture import linktypes

    for number, (name, _description) in linktypes.NAMES.items():
        if name.lower() == text.lower():
            return number
    raise Complaint("invalid data link type %s" % text)


def _precision(text):
    # tcpdump compares prefixes: "nanoseconds" is nano, "microscope" micro
    for name in ("nano", "micro"):
        if text.startswith(name):
            return name
    raise Complaint("unsupported time stamp precision")


def _set(dest, value):
    return lambda values, _text: setattr(values, dest, value)


def _smi_module(values, text):
    from pynettools.output import write
    import sys

    # tcpdump goes on after this (Debian's is built without libsmi)
    write("%s: ignoring option `-m %s' (no libsmi support)\n" % (COMMAND.prog, text), sys.stderr)


def _no_parser_debug(values, _text):
    raise ShowUsage()  # Debian's tcpdump takes -Y in getopt but has no case for it


def _flag(short, long, help, dest, **kwargs):
    return Option(short, long, help, dest=dest, **kwargs)


def _counted(short, long, help, dest):
    return Option(short, long, help, dest=dest, repeat=True)


def _valued(short, long, help, metavar, dest, convert=None, on_parse=None, **kwargs):
    """An option with an argument; `convert` checks and converts it as getopt returns it."""
    return Option(short, long, help, metavar=metavar, dest=dest,
                  on_parse=_converted(dest, convert) if convert else on_parse, **kwargs)


OPTIONS = [
    _flag("a", None, "accepted and ignored (tcpdump's old -a)", dest="old_a"),
    _counted("A", None, "print each packet (minus its link-level header) in ASCII", "ascii"),
    _counted("b", None, "print BGP AS numbers in ASDOT notation (BGP is not decoded: no effect)",
             "asdot"),
    _valued("B", "buffer-size", "the capture buffer size, in KiB", "size", "buffer_size",
            _buffer_size),
    _valued("c", None, "exit after COUNT packets", "count", "count",
            _checked_atoi("invalid packet count %s", 1)),
    _flag(None, "count", "print only the number of packets read (with -r)", dest="count_only"),
    _valued("C", None, "start a new -w file when the current one is over FILE_SIZE millions "
            "of bytes", "file_size", "file_size", _file_size),
    _counted("d", None, "print the compiled filter program and exit (-dd as C, -ddd as "
             "decimal)", "dump_program"),
    _counted("D", "list-interfaces", "list the interfaces capture can use", "list_interfaces"),
    _flag("e", None, "print the link-level header on each line", dest="link_header"),
    _valued("E", None, "ESP decryption secret (ESP is not decoded: no effect)", "algo:secret",
            "esp_secret"),
    _flag("f", None, "print foreign IPv4 addresses numerically", dest="foreign"),
    _valued("F", None, "read the filter expression from FILE", "file", "filter_file",
            completes="file"),
    _valued("G", None, "start a new -w file every SECONDS seconds (strftime in its name)",
            "seconds", "rotate_seconds", _checked_atoi("invalid number of seconds %s", 0)),
    Option("h", "help", "print the version and usage and exit", action="help"),
    _flag("H", None, "detect 802.11s mesh headers (802.11 is not decoded: no effect)",
          dest="mesh"),
    _valued("i", "interface", "capture on INTERFACE (any: all of them)", "interface",
            "interface", completes="interface"),
    _flag("I", "monitor-mode", "put the interface in monitor mode", dest="monitor_mode"),
    _valued("j", "time-stamp-type", "the time stamp type of the capture", "tstamptype",
            "time_stamp_type", _named(TIME_STAMP_TYPES, "invalid time stamp type %s"),
            choices=TIME_STAMP_TYPES),
    _flag("J", "list-time-stamp-types", "list the interface's time stamp types",
          dest="list_time_stamp_types"),
    _flag("K", "dont-verify-checksums", "don't verify checksums", dest="no_checksums"),
    _flag("l", None, "line-buffer the standard output", dest="line_buffered"),
    _flag("L", "list-data-link-types", "list the interface's data link types",
          dest="list_data_link_types"),
    _valued("m", None, "load a SMI MIB module (ignored: no libsmi support, as Debian's)",
            "module", "mib_module", on_parse=_smi_module),
    _valued("M", None, "TCP-MD5 shared secret (the MD5 option is not verified: no effect)",
            "secret", "md5_secret"),
    _counted("n", None, "don't convert addresses to names (-nn: nor ports)", "numeric"),
    _counted("N", None, "don't print the domain part of host names", "strip_domains"),
    _flag("O", "no-optimize", "don't run the filter optimizer", dest="no_optimize"),
    _flag("p", "no-promiscuous-mode", "don't put the interface in promiscuous mode",
          dest="no_promiscuous"),
    _counted("q", None, "quick output: less protocol information", "quiet"),
    _valued("Q", "direction", "capture packets of this direction only", "in|out|inout",
            "direction", _named(DIRECTIONS, "unknown capture direction `%s'"),
            choices=DIRECTIONS),
    _valued("r", None, "read packets from FILE (- for the standard input)", "file",
            "read_file", completes="file"),
    _valued("s", "snapshot-length", "capture SNAPLEN bytes of each packet (0: 262144)",
            "snaplen", "snaplen", _snaplen),
    _flag("S", "absolute-tcp-sequence-numbers", "print absolute TCP sequence numbers",
          dest="absolute_sequence"),
    _counted("t", None, "no time stamp (-tt: seconds since 1970, -ttt: since the previous "
             "packet, -tttt: date and time, -ttttt: since the first packet)", "timestamps"),
    _valued("T", None, "print packets of the filter as TYPE", "type", "packet_type",
            _named(PACKET_TYPES, "unknown packet type `%s'"), choices=PACKET_TYPES),
    _flag("u", None, "print undecoded NFS handles (NFS is not decoded: no effect)",
          dest="nfs_handles"),
    _flag("U", "packet-buffered", "write each packet to the -w file as it is captured",
          dest="packet_buffered"),
    _counted("v", None, "verbose output (-vv, -vvv: more)", "verbose"),
    _valued("V", None, "read the savefiles named in FILE, one a line", "file", "file_list",
            completes="file"),
    _valued("w", None, "write the raw packets to FILE (- for the standard output)", "file",
            "write_file", completes="file"),
    _valued("W", None, "with -C, the number of files in the ring; with -G, the files "
            "to write before exiting", "filecount", "file_count",
            _checked_atoi("invalid number of output files %s", 1)),
    _counted("x", None, "print each packet (minus its link-level header) in hex (-xx: "
             "with it)", "hex"),
    _counted("X", None, "print each packet (minus its link-level header) in hex and ASCII "
             "(-XX: with it)", "hex_ascii"),
    _valued("y", "linktype", "the data link type to capture with (or to compile -d for)",
            "datalinktype", "linktype", _linktype),
    _flag("Y", None, "prints the usage and fails, as Debian's tcpdump (no parser debugging)",
          dest="parser_debug", on_parse=_no_parser_debug),
    _valued("z", None, "run COMMAND on each -w file closed by -C or -G", "postrotate-command",
            "postrotate_command"),
    _valued("Z", "relinquish-privileges", "drop privileges to USER after opening the capture "
            "(default: tcpdump, when run as root)", "user", "user", completes="user"),
    _flag("#", "number", "print a packet number at the start of each line",
          dest="packet_number"),
    _flag(None, "immediate-mode", "deliver packets as they arrive", dest="immediate_mode"),
    _flag(None, "micro", "microsecond time stamps", dest="micro",
          on_parse=_set("precision", "micro")),
    _flag(None, "nano", "nanosecond time stamps", dest="nano",
          on_parse=_set("precision", "nano")),
    _valued(None, "time-stamp-precision", "micro or nano", "precision", "precision",
            _precision, choices=("micro", "nano")),
    Option(None, "fp-type", "print the floating-point check tcpdump prints and exit",
           action="fp-type"),
    _flag(None, "print", "print the packets also when writing them with -w", dest="print"),
    Option(None, "version", "print the version and exit", action="version"),
    Option(None, "json", "print each packet as one JSON object, one a line (JSON Lines)",
           extension=True),
    Option(None, "owners", "show the local process that sent or receives each TCP or UDP "
           "packet (live)", dest="owners", extension=True),
    json_schema_option(),
]

COMMAND = TcpdumpCommand(
    prog="pytcpdump",
    operands="[expression]",
    summary="Capture, filter and print network packets, or read and write pcap files, as\n"
            "tcpdump 4.99 does.",
    options=OPTIONS,
    original="tcpdump",
)


def filter_expression(args):
    """The filter expression: -F's file (`#` comments blanked) or the operands joined."""
    if args.filter_file is None:
        return " ".join(args.operands)
    from pynettools.errors import FilterFileError

    try:
        with open(args.filter_file, "rb") as source:
            text = source.read().decode("utf-8", "surrogateescape")
    except OSError as error:
        raise FilterFileError(args.filter_file, error.strerror) from None
    return "\n".join(line.partition("#")[0].ljust(len(line)) for line in text.split("\n"))
