"""The one runner behind every program: parse, execute, map errors to exits.

A program's front end (its `commands.Entry.module`) provides `COMMAND` (its
`options.Command` declaration), `execute(args)`, which returns the exit
status, and `failure(error)`, which turns any `PynettoolsError` into a
`failure.Failure`: the original's words and exit status (its `status`
module, the one place that does).  Everything that goes wrong ends here as those words on stderr and
that status; a traceback is shown only when PYNETTOOLS_DEBUG is set.

Ctrl-C ends a program as it ends the C originals: Python's KeyboardInterrupt
unwinds the command (its `finally` blocks restore what they changed, such as
the terminal), then the program dies of SIGINT itself, so that a shell
running it in a loop stops too (a shell goes on after a child that merely
exited 130).  A command that treats SIGINT otherwise (pytelnet in a session,
pytcpdump's statistics) catches KeyboardInterrupt, or sets its own handler,
before it reaches the runner.
"""

import os
import sys

from pynettools.cli.commands import entry
from pynettools.errors import PynettoolsError
from pynettools.output import write

SUCCESS = 0  # --help, --usage and --version, for every program
INTERNAL_ERROR = 1  # a bug: every original uses 1 for "something failed"


def entry_point(name):
    """The console-script function for the program called `name` in `commands`."""

    def main():
        try:
            status = run(name)
        except KeyboardInterrupt:
            _die_of("SIGINT")
        sys.exit(status)

    main.__doc__ = "Run the pynettools program %r with sys.argv; exit with its status." % name
    return main


def run(name, argv=None):
    """Run program `name` on argv (default sys.argv[1:]); return its exit status.

    KeyboardInterrupt passes through: the caller decides how an interrupted
    run ends (the console script dies of SIGINT; a test harness unwinds).
    """
    argv = sys.argv[1:] if argv is None else argv
    module = entry(name).load()
    try:
        return int(_execute(module, argv))
    except PynettoolsError as error:
        failure = module.failure(error)
        failure.write()
        return int(failure.status)
    except BrokenPipeError:
        silence_stdout()
        _die_of("SIGPIPE")
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
        write(command.version_text())
    elif args.action == "json-schema":
        from pynettools import schemas

        write(schemas.text(command.prog))
    else:
        status = module.execute(args)
        sys.stdout.flush()
        return status
    sys.stdout.flush()
    return SUCCESS


def silence_stdout():
    """Point stdout at /dev/null, so that nothing is flushed into a closed pipe."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _die_of(name):
    """End as the C originals do on signal `name`: killed by it (default action).

    What the command printed is flushed first (the originals print each line
    as it is complete); nothing else runs, as in a C program killed outright.
    """
    import signal  # lazily: most runs never need it

    signum = getattr(signal, name)
    signal.signal(signum, signal.SIG_DFL)
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        silence_stdout()
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signum])
    os.kill(os.getpid(), signum)
