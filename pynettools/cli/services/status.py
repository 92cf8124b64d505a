"""getent's exit statuses and words for every error pyservices can end with."""

from pynettools.cli import exitstatus
from pynettools.cli.failure import Failure
from pynettools.cli.services.declaration import COMMAND
from pynettools.errors import FileReadError, UsageError


class ExitStatus(exitstatus.ExitStatus):
    OK = 0
    FAILED = 1     # a file named with -f cannot be read
    NOT_FOUND = 2  # getent: one or more keys could not be found
    USAGE = 64     # argp's EX_USAGE: a bad command line


def failure(error):
    """The Failure getent's way of saying `error` ends with."""
    if isinstance(error, UsageError):
        return Failure(ExitStatus.USAGE, "\n".join(COMMAND.error_lines(error)) + "\n")
    if isinstance(error, FileReadError):
        return Failure(ExitStatus.FAILED, "%s: %s: %s\n" % (COMMAND.prog, error.path, error.reason))
    return Failure(ExitStatus.FAILED, "%s: %s\n" % (COMMAND.prog, error))
