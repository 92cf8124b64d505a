"""telnet's exit statuses and words for every error pytelnet can end with.

telnet says some failures on stdout (a host or port it cannot look up) and
the others on stderr after its program name; `failure` serves both the end
of the command and the `telnet>` prompt, which says the same and goes on.
"""

from pynettools.cli import exitstatus
from pynettools.cli.failure import Failure
from pynettools.cli.telnet.declaration import COMMAND
from pynettools.errors import (ConnectError, PynettoolsError, ResolveError, SocketCallError,
                               UsageError)
from pynettools.telnet.session import LocalAddressError

PROG = COMMAND.prog


class ExitStatus(exitstatus.ExitStatus):
    OK = 0
    FAILED = 1    # the connection cannot be made
    SILENCE = 2   # --wait ended a piped session (pynettools)
    USAGE = 64    # argp's EX_USAGE: a bad command line


class TooManyArguments(UsageError):
    """More operands than HOST and PORT (telnet fails, status 1, no usage hint)."""

    def __init__(self):
        super().__init__("too many arguments")


class BadWait(UsageError):
    """--wait's SECONDS is not a number of seconds."""

    def __init__(self, text):
        super().__init__("invalid --wait '%s'" % text)


class PortOutOfRange(PynettoolsError):
    """A numeric PORT outside 1-65535: `text` as given."""

    def __init__(self, text):
        super().__init__("Port number %s is out of range." % text)
        self.text = text


def failure(error):
    """The Failure telnet would end with (or, at the prompt, say) for `error`."""
    if isinstance(error, TooManyArguments):
        return Failure(ExitStatus.FAILED, "%s: %s\n" % (PROG, error.message))
    if isinstance(error, BadWait):
        return Failure(ExitStatus.USAGE, "%s: %s\n" % (PROG, error.message))
    if isinstance(error, UsageError):
        return Failure(ExitStatus.USAGE, "\n".join(COMMAND.error_lines(error)) + "\n")
    if isinstance(error, PortOutOfRange):
        return Failure(ExitStatus.FAILED, stdout="%s\n" % error)
    if isinstance(error, LocalAddressError):
        return Failure(ExitStatus.FAILED,
                       stdout="Could not resolve %s: %s\n" % (error.host, error.reason))
    if isinstance(error, ResolveError):
        return Failure(ExitStatus.FAILED, stdout="Server lookup failure:  %s:%s, %s\n" % (
            error.host, error.service, error.reason))
    if isinstance(error, ConnectError):
        return Failure(ExitStatus.FAILED,
                       "%s: Unable to connect to remote host: %s\n" % (PROG, error.reason))
    if isinstance(error, SocketCallError):
        return Failure(ExitStatus.FAILED, "%s: %s: %s\n" % (PROG, error.call, error.strerror))
    return Failure(ExitStatus.FAILED, "%s: %s\n" % (PROG, error))
