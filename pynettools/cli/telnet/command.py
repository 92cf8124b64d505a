"""pytelnet: Debian's telnet (GNU inetutils 2.4), and a telnet for scripts.

Messages, their streams and exit statuses are telnet's (see `status`).
Beyond telnet: piped input is sent whole and the answer read to the end
(--wait bounds the silence), --json summarises the session.
"""

import sys

from pynettools.cli.telnet.declaration import COMMAND  # noqa: F401 - the runner's
from pynettools.cli.telnet.messages import describe_escape, parse_escape
from pynettools.cli.telnet.status import (BadWait, ExitStatus, TooManyArguments,  # noqa: F401
                                          failure)

DEFAULT_ESCAPE = 0x1D  # ^]


def execute(args):
    from pynettools.cli.telnet.client import Client

    if len(args.operands) > 2:
        raise TooManyArguments()
    wait = _parse_wait(args.wait)
    escape = parse_escape(args.escape) if args.escape is not None else DEFAULT_ESCAPE
    if not args.json:
        for text, rlogin in getattr(args, "escape_notices", ()):
            print_escape_notice(rlogin, parse_escape(text))
    client = Client(args, escape, wait)
    if not args.operands:
        return client.command_loop()
    return client.open(*args.operands)


def print_escape_notice(rlogin, escape):
    what = "rlogin escape" if rlogin else "escape"
    sys.stdout.write("Telnet %s character is '%s'.\n" % (what, describe_escape(escape)))


def _parse_wait(text):
    if text is None:
        return None
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1
    if not 0 <= seconds < float("inf"):
        raise BadWait(text)
    return seconds
