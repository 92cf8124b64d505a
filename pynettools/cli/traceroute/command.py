"""pytraceroute: Linux traceroute 2.1, same options, output and exit statuses.

Lines stream: a hop is printed as soon as its probes are done.  --report
prints mtr's report instead (`report`), --targets many traces at once
(`targets`).
"""

import sys

from pynettools.cli.traceroute.checks import check_options, target_request
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
    settings, help_text = check_options(args)
    if help_text is not None:
        write(help_text, sys.stderr)
        return ExitStatus.OK
    if args.targets is not None:
        from pynettools.cli.traceroute.targets import trace_targets

        return trace_targets(args, settings)
    request = target_request(args, settings, args.operands[0])
    if args.report:
        from pynettools.cli.traceroute.report import show_report

        show_report(request, args)
    else:
        from pynettools.cli.traceroute.show import show

        show(request, args.json)
    return ExitStatus.OK
