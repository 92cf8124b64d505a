"""Command-line declarations, written once per command, and their parser.

Each command declares its options as `Option` records inside a `Command`;
the parser, `--help`, `--usage`, the man pages and the shell completions are
all derived from those declarations, so none of them can drift from the
others.

The parser follows GNU getopt_long, which the originals use (netstat
directly, getent and telnet through argp): operands and options may be
mixed, `--` ends the options, a long option may be abbreviated to any
unique prefix, `--opt=value` or `--opt value`, `-abc` clusters, `-fVALUE`.
It parses into plain values; the command converts and checks them.
"""

import os
import sys

from pynettools import __version__
from pynettools.errors import OptionError

# The class types.SimpleNamespace is (types.py takes it from here too), without
# importing `types`, which costs start-up
SimpleNamespace = type(sys.implementation)

HELP_COLUMN = 29  # where argp starts the description of an option
HELP_WIDTH = 79


class Option:
    """One option: its spellings, its argument and its help text.

    `metavar` names the argument; None means a flag.  `repeat` collects
    every value (or counts a flag) instead of keeping the last one.
    `action` is "help", "usage", "version" or "json-schema" for the standard
    options the runner answers itself.  For the man pages and completions:
    `extension` marks an option the original does not have; `choices` lists the fixed
    values of the argument; `completes` says what else the argument names
    ("file", "host", "user", "interface", "service").  `const` is what a flag
    stores instead of True, so that flags sharing a `dest` (telnet's -4/-6,
    -e/-E) keep the last one given.

    For originals whose options act while getopt runs (netstat stops at an
    unknown address family before it sees a later bad option): `on_parse`
    is called as on_parse(values, value) right after the option is stored
    and may raise.  `getopt_entry` names the getopt table entry the option
    stands for: glibc calls a prefix ambiguous only between options of
    different entries, and options sharing one are told apart by spelling.
    """

    __slots__ = ("short", "long", "dest", "metavar", "help", "default", "repeat", "action",
                 "extension", "choices", "completes", "on_parse", "getopt_entry", "const")

    def __init__(self, short, long, help, metavar=None, dest=None, default=None,
                 repeat=False, action=None, extension=False, choices=(), completes=None,
                 on_parse=None, getopt_entry=None, const=True):
        self.short = short
        self.long = long
        self.help = help
        self.metavar = metavar
        self.dest = dest or (long or short).replace("-", "_")
        self.default = default
        self.repeat = repeat
        self.action = action
        self.extension = extension
        self.choices = tuple(choices)
        self.completes = completes
        self.on_parse = on_parse
        self.getopt_entry = self if getopt_entry is None else getopt_entry
        self.const = const

    @property
    def takes_argument(self):
        return self.metavar is not None

    def spellings(self):
        return [spelling for spelling in (
            "-" + self.short if self.short else None,
            "--" + self.long if self.long else None,
        ) if spelling]


HELP = Option("?", "help", "give this help list", action="help")
USAGE = Option(None, "usage", "give a short usage message", action="usage")
VERSION = Option("V", "version", "print program version", action="version")
ARGP_STANDARD = (HELP, USAGE, VERSION)


def json_schema_option(help="print the JSON Schema of --json's output"):
    """--json-schema, for a command's declaration: the runner answers it (action
    "json-schema") with the program's `pynettools.schemas` file, on stdout."""
    return Option(None, "json-schema", help, action="json-schema", extension=True)


class Command:
    """A command's declaration: name, synopsis, options and how it complains.

    The default complaint style is argp's (as getent and telnet use): the
    getopt message, then a `Try ... --help` hint (each front end's `status`
    gives it argp's exit status, 64).
    """

    # The hint after a complaint; newer argp (telnet's) quotes with 'x' instead of `x'.
    hint = "Try `%(prog)s --help' or `%(prog)s --usage' for more information."

    def __init__(self, prog, operands, summary, options, epilog="", original=None,
                 operand_completions=(), headings=None):
        self.prog = prog
        self.operands = operands
        self.summary = summary
        self.options = tuple(options)
        self.epilog = epilog
        self.original = original  # the command this one stands in for, e.g. "netstat"
        # What each operand names, in order, for completions: "host", "service", "file".
        self.operand_completions = tuple(operand_completions)
        # argp's group headings in --help: {option dest: heading printed before it};
        # an empty heading is just the blank line argp puts before a group.
        self.headings = dict(headings or {})

    def parse(self, argv):
        """Parse argv (without the program name) into a namespace.

        Operands are in `namespace.operands`.
        """
        return parse(self.options, argv)

    def error_lines(self, error):
        """The lines a usage error prints on stderr."""
        return [self.prog + ": " + describe_option_error(error)
                if isinstance(error, OptionError) else self.prog + ": " + error.message,
                self.hint % {"prog": self.prog}]

    def message_prefix(self):
        """What starts a runtime error line: `prog: ` (an original may print none)."""
        return self.prog + ": "

    def version_text(self):
        """What --version prints (an original may print its own lines)."""
        return "%s (pynettools) %s\n" % (self.prog, __version__)

    def help_text(self):
        lines = ["Usage: %s [OPTION...] %s" % (self.prog, self.operands), self.summary, ""]
        headings = dict(self.headings)
        for option in self.options:
            heading = headings.pop(option.dest, None)
            if heading is not None:
                if lines[-1]:
                    lines.append("")
                lines += [" " + heading, ""] if heading else []
            lines.append(_help_line(option))
        if any(option.short and option.long and option.takes_argument for option in self.options):
            lines += ["", "Mandatory or optional arguments to long options are also mandatory or "
                      "optional", "for any corresponding short options."]
        if self.epilog:
            lines += ["", self.epilog]
        return "\n".join(lines) + "\n"

    def usage_text(self):
        flags = "".join(option.short for option in self.options
                        if option.short and not option.takes_argument)
        words = ["[-%s]" % flags] if flags else []
        words += ["[-%s %s]" % (option.short, option.metavar) for option in self.options
                  if option.short and option.takes_argument]
        words += ["[--%s%s]" % (option.long, "=" + option.metavar if option.takes_argument else "")
                  for option in self.options if option.long]
        words.append(self.operands)
        return _wrap("Usage: %s " % self.prog, words) + "\n"


def _help_line(option):
    spelled = "-%s, " % option.short if option.short else "    "
    if option.long:
        spelled += "--" + option.long + ("=" + option.metavar if option.takes_argument else "")
    elif option.takes_argument:
        spelled = spelled[:-2] + " " + option.metavar
    spelled = "  " + spelled
    if len(spelled) >= HELP_COLUMN:
        spelled += "\n"
    return _wrap(spelled.ljust(HELP_COLUMN), option.help.split(), " " * HELP_COLUMN)


def _wrap(first, words, indent=" " * 12):
    """Words filled after `first` up to HELP_WIDTH, further lines indented."""
    lines, line = [], first
    for word in words:
        if len(line) + len(word) + 1 > HELP_WIDTH and line.strip():
            lines.append(line.rstrip())
            line = indent
        line += word + " "
    lines.append(line.rstrip())
    return "\n".join(lines)


def describe_option_error(error):
    """glibc getopt's wording for an OptionError."""
    if error.kind == "invalid":
        return "invalid option -- '%s'" % error.option[1:]
    if error.kind == "unrecognized":
        return "unrecognized option '%s'" % error.option
    if error.kind == "ambiguous":
        return "option '%s' is ambiguous; possibilities:%s" % (
            error.option, "".join(" '--%s'" % name for name in error.candidates))
    if error.kind == "needs-argument":
        if error.option.startswith("--"):
            return "option '%s' requires an argument" % error.option
        return "option requires an argument -- '%s'" % error.option[1:]
    return "option '%s' doesn't allow an argument" % error.option


def parse(options, argv):
    """GNU getopt_long over `options`: a namespace of values plus `operands`."""
    values = SimpleNamespace(operands=[], action=None)
    for option in options:
        setattr(values, option.dest, _initial(option))
    shorts = {option.short: option for option in options if option.short}
    longs = [option for option in options if option.long]
    permute = "POSIXLY_CORRECT" not in os.environ
    index = 0
    while index < len(argv):
        argument = argv[index]
        index += 1
        if argument == "--":
            values.operands += argv[index:]
            break
        if argument.startswith("--"):
            index = _take_long(longs, argument, argv, index, values)
        elif argument.startswith("-") and argument != "-":
            index = _take_shorts(shorts, argument, argv, index, values)
        elif permute:
            values.operands.append(argument)
        else:
            values.operands += argv[index - 1:]
            break
        if values.action:  # like argp, --help and friends act at once
            break
    return values


def _initial(option):
    if not option.repeat:
        return option.default
    return [] if option.takes_argument else 0


def _store(values, option, value):
    if option.action:
        values.action = option.action
    elif option.repeat:
        current = getattr(values, option.dest)
        setattr(values, option.dest, current + [value] if option.takes_argument else current + 1)
    else:
        setattr(values, option.dest, value if option.takes_argument else option.const)
    if option.on_parse:
        option.on_parse(values, value)


def _match_long(longs, name, spelled):
    exact = [option for option in longs if option.long == name]
    if exact:
        return exact[0]
    matches = [option for option in longs if option.long.startswith(name)]
    if not matches:
        raise OptionError("unrecognized", spelled)
    first = matches[0]
    others = [option for option in matches[1:] if option.getopt_entry != first.getopt_entry]
    if others:  # as glibc: the first match, then those that differ from it
        raise OptionError("ambiguous", spelled, [option.long for option in [first] + others])
    return first


def _take_long(longs, argument, argv, index, values):
    name, equals, value = argument[2:].partition("=")
    option = _match_long(longs, name, argument)
    if not option.takes_argument:
        if equals:
            raise OptionError("no-argument", "--" + option.long)
        _store(values, option, None)
        return index
    if not equals:
        if index >= len(argv):
            raise OptionError("needs-argument", "--" + option.long)
        value, index = argv[index], index + 1
    _store(values, option, value)
    return index


def _take_shorts(shorts, argument, argv, index, values):
    for position in range(1, len(argument)):
        letter = argument[position]
        option = shorts.get(letter)
        if option is None:
            raise OptionError("invalid", "-" + letter)
        if not option.takes_argument:
            _store(values, option, None)
            if values.action:
                break
            continue
        value = argument[position + 1:]
        if not value:
            if index >= len(argv):
                raise OptionError("needs-argument", "-" + letter)
            value, index = argv[index], index + 1
        _store(values, option, value)
        break
    return index
