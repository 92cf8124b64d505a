"""traceroute's exit statuses and words for every error pytraceroute can end with.

traceroute 2.1 exits 2 for anything wrong on the command line (its clif
parser and the checks after it) and 1 for a failure while tracing; it never
prefixes its program name.  Its error() writes a newline first, ending the
line in progress (the header, or a hop), then `call: strerror`.
"""

from pynettools.cli import exitstatus
from pynettools.cli.failure import Failure
from pynettools.errors import (FileReadError, PrivilegeError, ResolveError, SocketCallError,
                               UnsupportedError, UsageError)

NO_PRIVILEGES = "You do not have enough privileges to use this traceroute method."


class ExitStatus(exitstatus.ExitStatus):
    OK = 0
    FAILED = 1  # a socket call failed while tracing
    USAGE = 2   # the command line, as traceroute's clif parser and checks find it


def failure(error):
    """The Failure traceroute would end with for `error`."""
    if isinstance(error, UsageError):
        return Failure(ExitStatus.USAGE, error.message + "\n")
    if isinstance(error, ResolveError):
        return Failure(ExitStatus.USAGE, "%s: %s\n" % (error.host, error.reason))
    if isinstance(error, FileReadError):  # --targets=FILE, a file named on the command line
        return Failure(ExitStatus.USAGE, "%s: %s\n" % (error.path, error.reason))
    if isinstance(error, PrivilegeError):
        return Failure(ExitStatus.FAILED,
                       "%s\n%s: %s\n" % (NO_PRIVILEGES, error.call, error.strerror))
    if isinstance(error, SocketCallError):
        return Failure(ExitStatus.FAILED, "\n%s: %s\n" % (error.call, error.strerror))
    if isinstance(error, UnsupportedError):
        return Failure(ExitStatus.FAILED,
                       "%s are not implemented by pytraceroute\n" % error.feature)
    return Failure(ExitStatus.FAILED, "%s\n" % error)
