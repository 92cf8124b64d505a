"""pytelnet's declaration: Debian's telnet (GNU inetutils 2.4) options, argp style."""

import _socket as socket  # the C module: `socket` costs ~4 ms of enum set-up

from pynettools.cli.options import ARGP_STANDARD, Command, Option, json_schema_option

COMMAND = Command(
    prog="pytelnet",
    operands="[HOST [PORT]]",
    summary="Login to remote system HOST (optionally, on service port PORT)",
    options=[
        Option("4", "ipv4", "use only IPv4", dest="family", const=socket.AF_INET,
               default=socket.AF_UNSPEC),
        Option("6", "ipv6", "use only IPv6", dest="family", const=socket.AF_INET6,
               default=socket.AF_UNSPEC),
        Option("8", "binary", "use an 8-bit data transmission"),
        Option("a", "login", "attempt automatic login"),
        Option("b", "bind", "bind to specific local ADDRESS", metavar="ADDRESS",
               completes="host"),
        Option("c", "no-rc", "do not read the user's .telnetrc file"),
        Option("d", "debug", "turn on debugging"),
        Option("e", "escape", "use CHAR as an escape character", metavar="CHAR",
               on_parse=lambda values, value: _note_escape(values, value)),
        Option("E", "no-escape", "use no escape character", dest="escape", const=""),
        Option("K", "no-login", "do not automatically login to the remote system"),
        Option("l", "user", "attempt automatic login as USER", metavar="USER", completes="user"),
        Option("L", "binary-output", "use an 8-bit data transmission for output only"),
        Option("n", "trace", "record trace information into FILE", metavar="FILE",
               completes="file"),
        Option("r", "rlogin", "use a user-interface similar to rlogin"),
        Option(None, "wait", "piped input: end after SECONDS of silence", metavar="SECONDS", extension=True),
        Option(None, "json", "print a JSON summary instead of the data",
               extension=True),
        json_schema_option(),
        # Accepted as telnet accepts them; without encryption or Kerberos built
        # in they change nothing (-x only asks "if possible").
        Option("x", "encrypt", "encrypt the data stream, if possible"),
        Option("k", "realm", "obtain tickets for the remote host in REALM instead of the "
               "remote host's realm", metavar="REALM"),
        Option("X", "disable-auth", "disable type ATYPE authentication", metavar="ATYPE"),
        *ARGP_STANDARD,
    ],
    headings={"family": "General options:", "encrypt": "Encryption control:",
              "realm": "Authentication and Kerberos options:", "help": ""},
    original="telnet",
    operand_completions=("host", "service"),
    epilog="Exit status: 0 when the session ends (closed by either side), 1 when the\n"
           "connection cannot be made, 2 when --wait ended a piped session, 64 for a\n"
           "bad command line.",
)
COMMAND.hint = "Try '%(prog)s --help' or '%(prog)s --usage' for more information."


def _note_escape(values, text):
    """telnet announces each -e as it parses it, naming rlogin if -r came before."""
    values.__dict__.setdefault("escape_notices", []).append((text, bool(values.rlogin)))
