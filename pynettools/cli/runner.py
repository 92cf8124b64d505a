"""The one runner behind every program: parse, execute, map errors to exits.

A program's front end (its `commands.Entry.module`) provides `COMMAND` (its
`options.Command` declaration), `execute(args)`, which returns the exit
status, and `failure(error)`, which turns any `PynettoolsError` into a
`failure.Failure`: the original's words and exit status (its `status`
module, the one place that does).  Everything that goes wrong ends here as those words on stderr and
that status; a traceback is shown only when PYNETTOOLS_DEBUG is set.
"""

import os
import sys

from pynettools import __version__
from pynettools.cli.commands import entry
from pynettools.errors import PynettoolsError
from pynettools.output import write

SUCCESS = 0  # --help, --usage and --version, for every program
INTERRUPTED = 130  # what a shell reports for a command killed by SIGINT
INTERNAL_ERROR = 1  # a bug: every original uses 1 for "something failed"


def entry_point(name):
    """The console-script function for the program called `name` in `commands`."""

    def main():
        sys.exit(run(name))

    main.__doc__ = "Run the pynettools program %r with sys.argv; exit with its status." % name
    return main


def run(name, argv=None):
    """Run program `name` on argv (default sys.argv[1:]); return its exit status."""
    argv = sys.argv[1:] if argv is None else argv
    module = entry(name).load()
    try:
        return int(_execute(module, argv))
    except PynettoolsError as error:
        failure = module.failure(error)
        failure.write()
        return int(failure.status)
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        _die_of_sigpipe()
    except Exception as error:  # the last line of defence: no traceback for users
        if os.environ.get("PYNETTOOLS_DEBUG"):
            raise
        write("%sinternal error: %s: %s\n" % (module.COMMAND.message_prefix(),
                                              type(error).__name__, error), sys.stderr)
        return INTERNAL_ERROR


def _execute(module, argv):
    command = module.COMMAND
    args = command.parse(argv)
    if args.action == "help":
        write(command.help_text())
    elif args.action == "usage":
        write(command.usage_text())
    elif args.action == "version":
        write("%s (pynettools) %s\n" % (command.prog, __version__))
    elif args.action == "json-schema":
        from pynettools import schemas

        write(schemas.text(command.prog))
    else:
        status = module.execute(args)
        sys.stdout.flush()
        return status
    sys.stdout.flush()
    return SUCCESS


def _die_of_sigpipe():
    """End as the C originals do when a reader closes the pipe: by SIGPIPE."""
    import signal

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so nothing is flushed at exit
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGPIPE)
