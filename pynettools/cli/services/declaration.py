"""pyservices' declaration: getent's argp options, plus the lookups beyond getent."""

from pynettools.cli.options import ARGP_STANDARD, Command, Option, json_schema_option
from pynettools.services import DEFAULT_PATH

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
        json_schema_option(),
        *ARGP_STANDARD,
    ],
    original="getent services",
    operand_completions=("service",),
    epilog="Exit status: 0 when every KEY was found, 2 when one was not, 64 for a bad\n"
           "command line, 1 when the file given with -f cannot be read.",
)
