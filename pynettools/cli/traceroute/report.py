"""pytraceroute --report: mtr's report, its text or its --json document."""

import sys
import time

from pynettools import schemas
from pynettools.cli.traceroute.progress import ProgressLine
from pynettools.output import write, write_lines
from pynettools.output.mtr import json_text, report_lines, start_line
from pynettools.reporting import DEFAULT_CYCLES, DEFAULT_INTERVAL, run


def show_report(request, args):
    """Run the cycles to `request`'s target and print the report, as `mtr -r` does.

    As mtr, the Start line is printed when the cycles start, the rest when
    they are done; on a terminal, stderr shows the cycle under way.
    """
    cycles = DEFAULT_CYCLES if args.cycles is None else args.cycles
    interval = DEFAULT_INTERVAL if args.interval is None else args.interval
    progress = ProgressLine()

    def on_cycle(number):
        progress.show("cycle %d of %d" % (min(number + 1, cycles), cycles), force=True)

    if not args.json:
        write(start_line(time.time()) + "\n")
        sys.stdout.flush()
    progress.show("cycle 1 of %d" % cycles, force=True)
    try:
        report = run(request, cycles, interval, on_cycle)
    finally:
        progress.clear()
    if args.json:
        write(json_text(report, request.numeric, schemas.tag("pytraceroute")))
    else:
        write_lines(report_lines(report, request.numeric)[1:])
