"""The exceptions every pynettools command reports to its user.

Core code raises these; only the runner in `pynettools.cli.runner` turns
them into a `prog: message` line and an exit status.  OS errors are
translated into them at the boundary where they happen (opening a file, a
socket call), so that the message can name what failed.
"""


class PynettoolsError(Exception):
    """An error to report as `prog: message`, ending with `exit_code`."""

    exit_code = 1

    def __init__(self, message, exit_code=None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    @property
    def message(self):
        return self.args[0]


class UsageError(PynettoolsError):
    """The command line is wrong: an option, an option argument or an operand.

    The command decides the exit status and what follows the message (a hint
    or its usage text), because each original does this differently;
    `exit_code` stays None unless the error needs a status of its own.
    """

    exit_code = None


class OptionError(UsageError):
    """The option parser's own complaints, worded by the command's style.

    `kind` is one of "invalid", "unrecognized", "ambiguous", "needs-argument",
    "no-argument"; `option` is the option as the user spelled it (`-x`,
    `--foo`); `candidates` lists the long names an ambiguous prefix matches.
    """

    def __init__(self, kind, option, candidates=()):
        super().__init__("%s %s" % (kind, option))
        self.kind = kind
        self.option = option
        self.candidates = tuple(candidates)


class ServicesFileError(PynettoolsError):
    """A services file named by the user cannot be read."""


class CommandNotImplemented(PynettoolsError):
    """The command exists as a name but its implementation has not landed."""
