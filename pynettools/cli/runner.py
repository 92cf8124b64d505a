"""The one runner behind every command: parse, execute, map errors to exits.

A command lives in `pynettools.cli.<name>` and provides `COMMAND` (its
`options.Command` declaration) and `execute(args)`, which returns the exit
status.  Everything that can go wrong ends here as one `prog: message` line
on stderr and the original's exit status; a traceback is shown only when
PYNETTOOLS_DEBUG is set in the environment.
"""

import os
import sys

from pynettools import __version__
from pynettools.errors import CommandNotImplemented, PynettoolsError, UsageError
from pynettools.output import write

INTERRUPTED = 130  # what a shell reports for a command killed by SIGINT


def entry_point(name):
    """The console-script function for the command in `pynettools.cli.<name>`."""

    def main():
        sys.exit(run(name))

    main.__doc__ = "Run pynettools.cli.%s with sys.argv; exit with its status." % name
    return main


def run(name, argv=None):
    """Run command `name` on argv (default sys.argv[1:]); return its exit status."""
    prefix = "py%s: " % name  # until the command's declaration names it
    argv = sys.argv[1:] if argv is None else argv
    try:
        module = _load(name)
        prefix = module.COMMAND.message_prefix()
        return _execute(module, argv)
    except UsageError as error:
        write("\n".join(module.COMMAND.error_lines(error)) + "\n", sys.stderr)
        return error.exit_code or module.COMMAND.usage_exit_code
    except PynettoolsError as error:
        return _fail(prefix, error.message, error.exit_code)
    except KeyboardInterrupt:
        return INTERRUPTED
    except BrokenPipeError:
        _die_of_sigpipe()
    except Exception as error:  # the last line of defence: no traceback for users
        if os.environ.get("PYNETTOOLS_DEBUG"):
            raise
        return _fail(prefix, "internal error: %s: %s" % (type(error).__name__, error), 1)


def _load(name):
    module_name = "pynettools.cli." + name
    try:
        __import__(module_name)
    except ModuleNotFoundError as error:
        if error.name != module_name:
            raise
        raise CommandNotImplemented("not implemented yet") from None
    return sys.modules[module_name]


def _execute(module, argv):
    command = module.COMMAND
    args = command.parse(argv)
    if args.action == "help":
        write(command.help_text())
    elif args.action == "usage":
        write(command.usage_text())
    elif args.action == "version":
        write("%s (pynettools) %s\n" % (command.prog, __version__))
    else:
        status = module.execute(args)
        sys.stdout.flush()
        return status
    sys.stdout.flush()
    return 0


def _fail(prefix, message, exit_code):
    write("%s%s\n" % (prefix, message), sys.stderr)
    return exit_code


def _die_of_sigpipe():
    """End as the C originals do when a reader closes the pipe: by SIGPIPE."""
    import signal

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())  # so nothing is flushed at exit
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    os.kill(os.getpid(), signal.SIGPIPE)
