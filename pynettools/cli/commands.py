"""Every program the suite installs, in one table.

A command is registered here and nowhere else by hand: the runner, the
man-page and completion generators and `pynettools-completion` read this
table, and `tests/unit/cli/test_commands.py` checks that each entry has its
script (`pynettools/scripts/<program>`), its `python -m` module
(`pynettools/<program>.py`), its line in pyproject's script-files, its man
page and its completions.  The README's "Adding a command" says the rest.

Module names are written out in full, never built from strings, so that a
reader (or grep) finds every command's code from here.
"""


class Entry:
    """One program: `name` (what `entry_point` takes), `program` (installed as),
    `module` (its front end: `COMMAND`, `execute(args)`, `failure(error)`),
    `manual` (its man page's prose: `SECTIONS`), `None` for a helper program
    that has no page."""

    __slots__ = ("name", "program", "module", "manual")

    def __init__(self, name, program, module, manual):
        self.name = name
        self.program = program
        self.module = module
        self.manual = manual

    def load(self):
        """The front-end module (imported on first use; importlib costs ~2 ms)."""
        return _imported(self.module)

    def load_manual(self):
        return _imported(self.manual)


def _imported(module_name):
    import sys

    __import__(module_name)
    return sys.modules[module_name]


COMMANDS = (
    Entry("traceroute", "pytraceroute", "pynettools.cli.traceroute.command",
          "pynettools.cli.traceroute.manual"),
    Entry("netstat", "pynetstat", "pynettools.cli.netstat.command",
          "pynettools.cli.netstat.manual"),
    Entry("telnet", "pytelnet", "pynettools.cli.telnet.command",
          "pynettools.cli.telnet.manual"),
    Entry("services", "pyservices", "pynettools.cli.services.command",
          "pynettools.cli.services.manual"),
    Entry("tcpdump", "pytcpdump", "pynettools.cli.tcpdump.command",
          "pynettools.cli.tcpdump.manual"),
)
HELPERS = (
    Entry("completion", "pynettools-completion", "pynettools.cli.completion.command", None),
)


def entry(name):
    """The Entry called `name` (a command or a helper); KeyError if none is."""
    for candidate in COMMANDS + HELPERS:
        if candidate.name == name:
            return candidate
    raise KeyError(name)
