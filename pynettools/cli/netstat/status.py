"""netstat's exit statuses and words for every error pynetstat can end with."""

from pynettools.cli import exitstatus
from pynettools.cli.failure import Failure
from pynettools.cli.netstat.declaration import COMMAND, Complaint
from pynettools.errors import UsageError


class ExitStatus(exitstatus.ExitStatus):
    OK = 0
    FAILED = 1       # a family or table this system lacks, an unknown family
    USAGE = 3        # netstat's E_OPTERR: bad option, -?, conflicting modes
    READ_FAILED = 255  # a socket table that exists but cannot be read (netstat returns -1)


def failure(error):
    """The Failure netstat would end with for `error`."""
    if isinstance(error, Complaint):
        return Failure(ExitStatus.FAILED, error.message + "\n")
    if isinstance(error, UsageError):
        return Failure(ExitStatus.USAGE, "\n".join(COMMAND.error_lines(error)) + "\n")
    return Failure(ExitStatus.FAILED, "%s: %s\n" % (COMMAND.prog, error))
