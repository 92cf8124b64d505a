"""pytraceroute: Linux traceroute 2.1, same options, output and exit statuses.

Lines stream: a hop is printed as soon as its probes are done.
"""

import sys

from pynettools.cli.traceroute.checks import build_request
from pynettools.cli.traceroute.declaration import COMMAND
from pynettools.cli.traceroute.status import ExitStatus, failure  # noqa: F401 - the runner's
from pynettools.output import write


def execute(args):
    if args.immediate == "help" or not args.words:
        write(COMMAND.help_text(), sys.stderr)
        return ExitStatus.OK
    if args.immediate == "version":
        from pynettools import __version__

        write("pytraceroute (pynettools) %s\n" % __version__, sys.stderr)
        return ExitStatus.OK
    request, help_text = build_request(args)
    if help_text is not None:
        write(help_text, sys.stderr)
        return ExitStatus.OK
    from pynettools.cli.traceroute.show import show

    show(request, args.json)
    return ExitStatus.OK
