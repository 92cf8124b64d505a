"""`pynettools-completion SHELL [PROGRAM...]`: print the completion scripts."""

from pynettools.cli import exitstatus
from pynettools.cli.commands import COMMANDS
from pynettools.cli.completion.scripts import SCRIPTS
from pynettools.cli.failure import Failure
from pynettools.cli.options import ARGP_STANDARD, Command
from pynettools.errors import UsageError
from pynettools.output import write

COMMAND = Command(
    prog="pynettools-completion",
    operands="SHELL [COMMAND...]",
    summary="Print the completion script of SHELL (bash, zsh or fish) for the pynettools\n"
            "commands (all of them, or those named).",
    options=[*ARGP_STANDARD],
)


class ExitStatus(exitstatus.ExitStatus):
    OK = 0
    FAILED = 1
    USAGE = 64  # argp's EX_USAGE, as the commands it completes


def execute(args):
    if not args.operands or args.operands[0] not in SCRIPTS:
        raise UsageError("SHELL must be one of: %s" % ", ".join(SCRIPTS))
    shell, programs = args.operands[0], args.operands[1:]
    known = {entry.program: entry for entry in COMMANDS}
    for program in programs:
        if program not in known:
            raise UsageError("unknown command '%s'" % program)
    for program in programs or known:
        write(SCRIPTS[shell](known[program].load().COMMAND))
    return ExitStatus.OK


def failure(error):
    if isinstance(error, UsageError):
        return Failure(ExitStatus.USAGE, "\n".join(COMMAND.error_lines(error)) + "\n")
    return Failure(ExitStatus.FAILED, "%s: %s\n" % (COMMAND.prog, error))
