"""pytraceroute --targets=FILE: every host of FILE traced at once (`pynettools.batch`).

Each target's output is what `pytraceroute OPTIONS TARGET` prints alone,
TARGET standing where --targets=FILE stands (so that messages name the same
argc): its trace or JSON line on stdout, its message on stderr, written
whole when its trace is done.  The exit status is the highest status any
target would have had alone (0 when every trace ran).  On a terminal,
stderr shows a progress line meanwhile.
"""

import sys

from pynettools.batch import DEFAULT_RATE, LONGEST_LINE, Batch, Job, read_targets
from pynettools.cli.clif import operand_complaint
from pynettools.cli.traceroute.checks import target_request
from pynettools.cli.traceroute.declaration import COMMAND
from pynettools.cli.traceroute.progress import ProgressLine
from pynettools.cli.traceroute.status import ExitStatus, failure
from pynettools.errors import FileReadError, UsageError
from pynettools.output import write

STDIN = "-"


def trace_targets(args, settings):
    """Trace every target of args.targets; the exit status."""
    argc = args.given["targets"][1]
    progress = ProgressLine()
    with _TargetsFile(args.targets) as stream:
        jobs = (_job(args, settings, line, argc) for line in read_targets(stream, args.targets))
        batch = Batch(jobs, DEFAULT_RATE if args.rate is None else args.rate)
        batch.on_turn = lambda: progress.show(_progress_text(batch))
        worst = ExitStatus.OK
        try:
            for result in batch.results():
                progress.clear()
                worst = max(worst, _print(args, result))
                progress.show(_progress_text(batch))
        finally:
            progress.clear()
    return worst


def _progress_text(batch):
    total = " of %d" % batch.started if batch.exhausted else ""
    return "%d%s traces done, %d probes in flight" % (batch.done, total, batch.out)


class _TargetsFile:
    """The targets file as a binary stream (stdin for `-`), closed after use."""

    def __init__(self, path):
        self.path = path
        self.stream = None

    def __enter__(self):
        if self.path == STDIN:
            return sys.stdin.buffer
        try:
            self.stream = open(self.path, "rb")
        except OSError as error:
            raise FileReadError(self.path, error.strerror) from None
        return self.stream

    def __exit__(self, *exc_info):
        if self.stream is not None:
            self.stream.close()


def _job(args, settings, line, argc):
    """The Job for a line of the file: its Request, or the error it stops at alone."""
    if line.too_long:
        return Job(line.text, None, UsageError(
            "Line %d of `%s' is longer than %d bytes (argc %d)"
            % (line.number, args.targets, LONGEST_LINE, argc)))
    try:
        operand = COMMAND.operand_converters[0](line.text, args)
    except ValueError as error:
        return Job(line.text, None, UsageError(
            operand_complaint(str(error), COMMAND.operand_names[0], line.text, 1, argc)))
    try:
        return Job(line.text, target_request(args, settings, operand), None)
    except UsageError as error:
        return Job(line.text, None, error)


def _print(args, result):
    """Write one target's output whole; its exit status."""
    if result.trace is not None:
        if args.json:
            if result.error is None:
                from pynettools.output.jsonout import json_line, tagged
                from pynettools.output.traceroute import trace_object

                write(json_line(tagged("pytraceroute", trace_object(
                    "trace", result.trace, result.trace.hops))))
        else:
            from pynettools.output.traceroute import trace_text

            write(trace_text(result.trace, result.request.numeric, result.request.as_lookup,
                             complete=result.error is None))
        sys.stdout.flush()
    if result.error is None:
        return ExitStatus.OK
    ending = failure(result.error)
    ending.write()
    return ending.status
